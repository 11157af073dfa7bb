/**
 * Typed access to the mocha globals web-test-runner installs in the page (@types/mocha is not a
 * dependency, and declaring globals would leak into the Node tests' types).
 */
type HookFn = (this: MochaContext) => void | Promise<void>;
interface MochaContext {
  timeout(ms: number): void;
}
type TestFn = (this: MochaContext) => void | Promise<void>;

interface MochaGlobals {
  describe(title: string, body: () => void): void;
  it(title: string, body: TestFn): void;
  before(body: HookFn): void;
  after(body: HookFn): void;
  beforeEach(body: HookFn): void;
  afterEach(body: HookFn): void;
}

const g = globalThis as unknown as MochaGlobals;
export const describe: MochaGlobals['describe'] = (title, body) => g.describe(title, body);
export const it: MochaGlobals['it'] = (title, body) => g.it(title, body);
export const before: MochaGlobals['before'] = (body) => g.before(body);
export const after: MochaGlobals['after'] = (body) => g.after(body);
export const beforeEach: MochaGlobals['beforeEach'] = (body) => g.beforeEach(body);
export const afterEach: MochaGlobals['afterEach'] = (body) => g.afterEach(body);
