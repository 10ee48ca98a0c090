// The original design's form read, as a Next.js route handler does it: the request as a web Request over the Node
// stream, `await request.formData()`, then the file's bytes in a Buffer. Answers with the time from the request
// (headers parsed) to the bytes in hand, in the same header the .NET side uses.
// Usage: node formdata-server.mjs <port>
import http from 'node:http';
import { Readable } from 'node:stream';

const port = Number(process.argv[2]);

http.createServer(async (req, res) => {
  const started = performance.now();
  if (req.method !== 'POST') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ready');
    return;
  }

  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'], 'content-length': req.headers['content-length'] },
    body: Readable.toWeb(req),
    duplex: 'half',
  });
  const form = await request.formData();
  const file = form.get('file');
  const bytes = Buffer.from(await file.arrayBuffer());
  const elapsed = performance.now() - started;
  res.writeHead(200, { 'content-type': 'application/json', 'x-form-read-ms': elapsed.toFixed(3) });
  res.end(JSON.stringify({ bytes: bytes.length }));
}).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
