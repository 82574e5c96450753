// Starts bench/baseline-server.mjs as a child process and stops it by its PID.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../baseline-server.mjs", import.meta.url));

export async function startBaseline({ historyRows }) {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", script, "--history", String(historyRows)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killNow = () => child.kill("SIGKILL");
  process.on("exit", killNow);
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("baseline server did not start within 60 s")), 60_000);
    child.once("exit", (code) => reject(new Error(`baseline server exited (code ${code})`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line).port);
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      process.off("exit", killNow);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
