/** `npm run demo`: builds, then serves the demo marketplace on 127.0.0.1 and prints its URLs. */
import { resolve } from 'node:path';
import { createDemoApp } from './app.js';

const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? 8787);
const dataDir = resolve(process.env['DEMO_DATA_DIR'] ?? 'demo/.data');

const app = await createDemoApp({
  dataDir,
  ...(process.env['OPERATOR_KEY'] ? { operatorKey: process.env['OPERATOR_KEY'] } : {}),
});
app.server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error);
  process.exit(1);
});
app.server.listen(port, host, () => {
  console.log(`Makers' Market demo (data in ${dataDir})`);
  console.log(`  Seller signup:  http://${host}:${port}/`);
  console.log(`  Operator page:  http://${host}:${port}/operator?key=${app.operatorKey}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
