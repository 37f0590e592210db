/** Request bodies for the UC API used across tests. */
export const column = (name: string, typeName = "INT", position?: number, typeText = typeName.toLowerCase()) => ({
  name,
  type_name: typeName,
  type_text: typeText,
  type_json: JSON.stringify({ name, type: typeName === "INT" ? "integer" : typeText, nullable: true, metadata: {} }),
  ...(position === undefined ? {} : { position }),
  nullable: true,
});

export const externalTable = (catalog: string, schema: string, name: string, location: string) => ({
  name,
  catalog_name: catalog,
  schema_name: schema,
  table_type: "EXTERNAL",
  data_source_format: "DELTA",
  columns: [column("id", "INT", 0), column("label", "STRING", 1)],
  storage_location: location,
});

export const managedTable = (catalog: string, schema: string, name: string) => ({
  name,
  catalog_name: catalog,
  schema_name: schema,
  table_type: "MANAGED",
  data_source_format: "DELTA",
  columns: [column("id", "INT", 0)],
});

export const sqlFunction = (catalog: string, schema: string, name: string) => ({
  function_info: {
    name,
    catalog_name: catalog,
    schema_name: schema,
    input_params: { parameters: [{ name: "x", type_text: "int", type_json: '{"name":"x","type":"integer","nullable":true,"metadata":{}}', type_name: "INT", position: 0 }] },
    data_type: "INT",
    full_data_type: "int",
    routine_body: "SQL",
    routine_definition: "x + 1",
    parameter_style: "S",
    is_deterministic: true,
    sql_data_access: "CONTAINS_SQL",
    is_null_call: false,
    security_type: "DEFINER",
    specific_name: name,
  },
});
