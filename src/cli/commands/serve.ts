import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { Server as HttpServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createApp, DEFAULT_MAX_BODY_BYTES } from '../../server/app.js';
import { PipelineAnalyzer } from '../../store/analyzer.js';
import { Ledger } from '../../store/ledger.js';
import { dbArgument, openStore } from '../../store/open.js';
import { type CliCommand, UsageError } from '../command.js';
import { ingestCommand } from './ingest.js';

const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the ledger over HTTP: the page at /, the JSON API under /api (OpenAPI description at /openapi.json)',
  usage: `newsledger serve [--db FILE|URL] [--port 8080] [--host 127.0.0.1] [--token TOKEN] [--max-body BYTES] [--ingest PATH]...

  --host ADDR      address to listen on (default 127.0.0.1: this machine only)
  --token TOKEN    token that writes (POST) must present as "Authorization: Bearer TOKEN" (default
                   $NEWSLEDGER_TOKEN); without one the API is read-only
  --max-body N     largest request body in bytes (default ${DEFAULT_MAX_BODY_BYTES})
  --ingest PATH    ingest these files or folders first (as \`newsledger ingest\`; repeatable), then serve; without
                   --token a random one is made for this run, so the page's corrections work at the printed address`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' },
        token: { type: 'string' }, 'max-body': { type: 'string', default: String(DEFAULT_MAX_BODY_BYTES) },
        ingest: { type: 'string', multiple: true } },
    });
    const port = Number(values.port);
    const maxBodyBytes = Number(values['max-body']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port is 0..65535');
    if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new UsageError('--max-body is a positive number of bytes');
    const ingest = values.ingest ?? [];
    // A demo run (`serve --ingest ...`) should let the reader try corrections: it gets a token of its own, printed
    // only in the page's address (the fragment never reaches the server's logs).
    const given = values.token ?? process.env.NEWSLEDGER_TOKEN ?? null;
    const token = given ?? (ingest.length ? randomBytes(16).toString('hex') : null);
    if (ingest.length && dbArgument(values.db) === ':memory:') throw new UsageError('--ingest needs a store that outlives the ingest: a file or postgres:// URL');
    if (ingest.length && (await ingestCommand.run([...(values.db ? ['--db', values.db] : []), ...ingest], io)) !== 0) {
      io.err('newsledger serve: some inputs were not ingested (see above); serving what was stored');
    }
    const store = await openStore(dbArgument(values.db));
    const ledger = new Ledger(store, () => new PipelineAnalyzer());
    const app = createApp({ store, ledger, token, maxBodyBytes });
    const server = serve({ fetch: app.fetch, hostname: values.host, port }, (info) => {
      io.err(`newsledger: serving ${store.where} on http://${values.host}:${info.port} (${token ? 'writes need the token' : 'read-only: no token'})`);
      const host = values.host.includes(':') ? `[${values.host}]` : values.host;
      io.err(`newsledger: the page: http://${host}:${info.port}/${token && !given ? `#token=${token}` : ''}`);
    });
    // A slow client may not hold a connection open for ever: the headers must arrive within 10 s and the whole request
    // (a 10 MB ingest included) within 60 s; idle keep-alive connections close after 5 s.
    if (server instanceof HttpServer) {
      server.headersTimeout = HEADERS_TIMEOUT_MS;
      server.requestTimeout = REQUEST_TIMEOUT_MS;
      server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        server.close(() => resolve());
        // Idle keep-alive connections would otherwise hold the process until their timeout.
        if (server instanceof HttpServer) server.closeIdleConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await store.close();
    return 0;
  },
};
