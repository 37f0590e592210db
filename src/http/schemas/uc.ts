import { z } from "@hono/zod-openapi";
import { Properties, nullable } from "./common";
import { COLUMN_TYPE_NAMES } from "../../catalog/columns";
import { DATA_SOURCE_FORMATS, TABLE_TYPES } from "../../catalog/tables";
import { VOLUME_TYPES } from "../../catalog/volumes";

const audit = {
  owner: z.string(),
  created_at: z.number().int(),
  created_by: z.string(),
  updated_at: z.number().int().nullable(),
  updated_by: z.string().nullable(),
};

export const CatalogInfo = z
  .object({
    name: z.string(),
    full_name: z.string(),
    comment: z.string().nullable(),
    properties: Properties,
    ...audit,
    id: z.string().uuid(),
    metastore_id: z.string().uuid(),
    storage_root: z.string().nullable(),
    storage_location: z.string().nullable(),
    catalog_type: z.string(),
  })
  .openapi("CatalogInfo");

export const CreateCatalog = z
  .object({ name: z.string(), comment: nullable(z.string()), properties: Properties.optional(), storage_root: nullable(z.string()) })
  .openapi("CreateCatalog");

/** Update bodies: OSS fields plus Databricks' owner. */
export const UpdateCommon = z.object({
  new_name: z.string().optional(),
  comment: nullable(z.string()),
  properties: Properties.optional(),
  owner: z.string().optional(),
});
export const UpdateCatalog = UpdateCommon.openapi("UpdateCatalog");

export const SchemaInfo = z
  .object({
    name: z.string(),
    catalog_name: z.string(),
    comment: z.string().nullable(),
    properties: Properties,
    full_name: z.string(),
    ...audit,
    schema_id: z.string().uuid(),
    storage_root: z.string().nullable(),
    storage_location: z.string().nullable(),
  })
  .openapi("SchemaInfo");

export const CreateSchema = z
  .object({ name: z.string(), catalog_name: z.string(), comment: nullable(z.string()), properties: Properties.optional(), storage_root: nullable(z.string()) })
  .openapi("CreateSchema");
export const UpdateSchema = UpdateCommon.openapi("UpdateSchema");

export const ColumnInfo = z
  .object({
    name: z.string(),
    type_text: z.string(),
    type_json: nullable(z.string()),
    type_name: z.enum(COLUMN_TYPE_NAMES),
    type_precision: nullable(z.number().int()),
    type_scale: nullable(z.number().int()),
    type_interval_type: nullable(z.string()),
    position: nullable(z.number().int().min(0)),
    comment: nullable(z.string()),
    nullable: nullable(z.boolean()),
    partition_index: nullable(z.number().int().min(0)),
    mask: nullable(z.object({ function_name: z.string(), using_column_names: z.array(z.string()) })),
  })
  .openapi("ColumnInfo");

const RowFilter = z.object({ function_name: z.string(), input_column_names: z.array(z.string()) }).openapi("TableRowFilter");

export const TableInfo = z
  .object({
    name: z.string(),
    catalog_name: z.string(),
    schema_name: z.string(),
    full_name: z.string(),
    table_type: z.enum(TABLE_TYPES),
    data_source_format: z.enum(DATA_SOURCE_FORMATS).nullable(),
    columns: z.array(ColumnInfo),
    storage_location: z.string().nullable(),
    comment: z.string().nullable(),
    properties: Properties,
    ...audit,
    table_id: z.string().uuid(),
    view_definition: z.string().nullable(),
    view_dependencies: z.unknown().nullable(),
    row_filter: RowFilter.nullable(),
  })
  .openapi("TableInfo");

export const CreateTable = z
  .object({
    name: z.string(),
    catalog_name: z.string(),
    schema_name: z.string(),
    table_type: z.enum(TABLE_TYPES),
    data_source_format: nullable(z.enum(DATA_SOURCE_FORMATS)),
    columns: z.array(ColumnInfo).optional(),
    storage_location: nullable(z.string()),
    comment: nullable(z.string()),
    properties: Properties.optional(),
    view_definition: nullable(z.string()),
    view_dependencies: z.unknown().optional(),
  })
  .openapi("CreateTable");

export const UpdateTable = UpdateCommon.openapi("UpdateTable");

export const VolumeInfo = z
  .object({
    catalog_name: z.string(),
    schema_name: z.string(),
    name: z.string(),
    full_name: z.string(),
    comment: z.string().nullable(),
    ...audit,
    volume_id: z.string().uuid(),
    volume_type: z.enum(VOLUME_TYPES),
    storage_location: z.string().nullable(),
  })
  .openapi("VolumeInfo");

export const CreateVolume = z
  .object({
    catalog_name: z.string(),
    schema_name: z.string(),
    name: z.string(),
    volume_type: z.enum(VOLUME_TYPES),
    comment: nullable(z.string()),
    storage_location: nullable(z.string()),
  })
  .openapi("CreateVolumeRequestContent");

export const UpdateVolume = UpdateCommon.omit({ properties: true }).openapi("UpdateVolumeRequestContent");

const FunctionParameterInfo = z
  .object({
    name: z.string(),
    type_text: z.string(),
    type_json: z.string(),
    type_name: z.enum(COLUMN_TYPE_NAMES),
    type_precision: nullable(z.number().int()),
    type_scale: nullable(z.number().int()),
    type_interval_type: nullable(z.string()),
    position: z.number().int().min(0),
    parameter_mode: nullable(z.enum(["IN"])),
    parameter_type: nullable(z.enum(["PARAM", "COLUMN"])),
    parameter_default: nullable(z.string()),
    comment: nullable(z.string()),
  })
  .openapi("FunctionParameterInfo");

const FunctionParameterInfos = z.object({ parameters: nullable(z.array(FunctionParameterInfo)) });

const functionFields = {
  name: z.string(),
  catalog_name: z.string(),
  schema_name: z.string(),
  input_params: FunctionParameterInfos,
  data_type: z.enum(COLUMN_TYPE_NAMES),
  full_data_type: z.string(),
  return_params: nullable(FunctionParameterInfos),
  routine_body: z.enum(["SQL", "EXTERNAL"]),
  routine_definition: z.string(),
  routine_dependencies: z.unknown().optional(),
  parameter_style: z.enum(["S"]),
  is_deterministic: z.boolean(),
  sql_data_access: z.enum(["CONTAINS_SQL", "READS_SQL_DATA", "NO_SQL"]),
  is_null_call: z.boolean(),
  security_type: z.enum(["DEFINER"]),
  specific_name: z.string(),
  comment: nullable(z.string()),
  properties: nullable(z.string()),
  external_language: nullable(z.string()),
};

export const CreateFunctionRequest = z.object({ function_info: z.object(functionFields).openapi("CreateFunction") }).openapi("CreateFunctionRequest");

export const FunctionInfo = z
  .object({ ...functionFields, full_name: z.string(), ...audit, function_id: z.string().uuid() })
  .openapi("FunctionInfo");

export const UpdateFunction = z.object({ owner: z.string().optional(), comment: nullable(z.string()) }).openapi("UpdateFunction");

export const listOf = <T extends z.ZodTypeAny>(key: string, item: T, name: string) =>
  z.object({ [key]: z.array(item), next_page_token: z.string().nullable().optional() }).openapi(name);
