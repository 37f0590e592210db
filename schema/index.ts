export * from "./principals";
export * from "./securables";
export * from "./catalog-objects";
export * from "./grants";
export * from "./audit";
export * from "./identity";
export * from "./statements";
