// The PSP double of the proxy scenario, in its own process as a real processor would be (in the
// benchmark's own process it would share one event loop with the load generator). It answers
// every charge with a small JSON body. Port from argv; 127.0.0.1 only.
import http from 'node:http';

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"ch_bench","status":"succeeded","amount":2000}');
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
