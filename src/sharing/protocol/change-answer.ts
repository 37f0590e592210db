import type { Snapshot } from "../../delta/snapshot";
import { fileUrlsFor, type FileUrls } from "../files/file-urls";
import type { ResponseFormat } from "./capabilities";
import type { ChangeItem } from "./change-entries";
import { fileLine } from "./file-lines";
import { endStreamLine, metadataLine, protocolLine } from "./lines";
import { idSchemeFor, type TableCall } from "./table-call";

export interface ChangeAnswerInput {
  format: ResponseFormat;
  /** Source of lines 1 and 2. */
  head: Snapshot;
  /** `version` of line 2. */
  headVersion: number;
  items: ChangeItem[];
  /** Whether recipients may read CDF (the parquet metaData flag). */
  changeDataFeed: boolean;
  /** Historical metaData lines between file lines (streaming always, CDF on request). */
  historicalMetadata: boolean;
  endStream: boolean;
  facts: { files: number };
}

/**
 * Lines of a streaming or change answer: protocol, metaData (with `version`), then per commit
 * any metaData changes and its data lines, each with `version` and `timestamp` (digest A.5).
 * URLs are issued per commit version: a change file is checked at download against its commit.
 */
export async function* changeLines(call: TableCall, a: ChangeAnswerInput): AsyncGenerator<string> {
  yield protocolLine(a.format, a.head.protocol);
  yield metadataLine(a.format, a.head.metadata, { version: a.headVersion, changeDataFeed: a.changeDataFeed });
  const ctx = { format: a.format, idScheme: idSchemeFor(call, a.format), tableUrl: call.location };
  const urlsByVersion = new Map<number, Promise<FileUrls>>();
  const urlsFor = (version: number) => {
    let urls = urlsByVersion.get(version);
    if (!urls) {
      urls = fileUrlsFor(call.services, call.location, { shareId: call.share.id, recipientId: call.recipient.id, tableId: call.table.node.id, version, kind: "c" }, call.base);
      urlsByVersion.set(version, urls);
    }
    return urls;
  };
  let minExpiry: number | undefined;
  for (const item of a.items) {
    if ("metadata" in item) {
      if (a.historicalMetadata) yield metadataLine(a.format, item.metadata, { version: item.version, changeDataFeed: a.changeDataFeed });
      continue;
    }
    const urls = await urlsFor(item.file.version!);
    minExpiry = Math.min(minExpiry ?? Infinity, urls.expiresAt);
    a.facts.files++;
    yield await fileLine(ctx, item.file, urls);
  }
  if (a.endStream) yield endStreamLine({ minUrlExpirationTimestamp: minExpiry });
}
