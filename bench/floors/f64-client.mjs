// Client for floors/f64_worker.py: float lists as base64 float64 bytes.
import { fileURLToPath } from "node:url";
import { LineProcess } from "../lib/line-process.mjs";

const script = fileURLToPath(new URL("./f64_worker.py", import.meta.url));

export async function startF64Floor(helpersDir) {
  const proc = new LineProcess("python3", ["-u", script, helpersDir]);
  await proc.ready;
  return {
    async makeFloats(n) {
      const { result } = await proc.request({ op: "make_floats", n });
      const bytes = Buffer.from(result.__f64__, "base64");
      return Array.from(new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8));
    },
    async sizeOf(floats) {
      const packed = Buffer.from(Float64Array.from(floats).buffer).toString("base64");
      return (await proc.request({ op: "size_of", value: { __f64__: packed } })).result;
    },
    close: async () => proc.close(),
  };
}
