// Security headers on every answer: helmet's, with a Content Security Policy the dashboard runs
// under. The middleware is built once: @fastify/helmet rebuilt it, parsing the policy again, on
// every request (8 % of the server's CPU in the write bench).
import fp from 'fastify-plugin';
import helmet from 'helmet';

export default fp(
  async (app) => {
    const headers = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      // served over plain HTTP on a county LAN too: HSTS is the proxy's to send
      strictTransportSecurity: false,
    });
    app.addHook('onRequest', (req, reply, done) => headers(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  },
  { name: 'headers' },
);
