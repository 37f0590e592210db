// oidc-provider ships JavaScript only; the test harness (test/support/oidc-provider.ts) uses
// the constructor and `callback()`, typed loosely here.
declare module "oidc-provider" {
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: unknown, res: unknown) => void;
  }
}
