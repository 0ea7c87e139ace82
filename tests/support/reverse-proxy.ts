import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/runtime/ports";

/** Debian's nginx (`apt-get install nginx`), or the one NGINX_PATH names. */
export const nginxPath = process.env.NGINX_PATH ?? "/usr/sbin/nginx";

export interface ReverseProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx in front of `upstream` on this machine, configured as deployments usually are: it appends
 * the client's address to X-Forwarded-For and passes Host through. To the app, every request then
 * comes from 127.0.0.1.
 */
export async function startReverseProxy(upstream: string): Promise<ReverseProxy> {
  if (!existsSync(nginxPath))
    throw new Error(`nginx is needed here (apt-get install nginx, or set NGINX_PATH): ${nginxPath} is missing`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "daily-papers-nginx-"));
  const port = await freePort();
  const config = `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
  await writeFile(path.join(dir, "nginx.conf"), config);
  const child = spawn(nginxPath, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) break;
    if (attempt > 100) throw new Error(`nginx did not listen on ${port}: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
