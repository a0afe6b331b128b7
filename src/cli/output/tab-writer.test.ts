import { describe, expect, it } from "vitest";
import { TabWriter, describeLayout, tableLayout } from "./tab-writer.js";

describe("TabWriter", () => {
  it("lays a table out as kubectl get does", () => {
    const w = new TabWriter(tableLayout);
    w.write("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n");
    w.write("pod/web-1\t0/1\tPending\t0\t0s\n");
    expect(w.flush()).toBe(
      "NAME        READY   STATUS    RESTARTS   AGE\n" + //
        "pod/web-1   0/1     Pending   0          0s\n",
    );
  });

  it("makes a column at least minWidth wide and never pads the last cell", () => {
    const w = new TabWriter(tableLayout);
    w.write("A\tB\nc\td\n");
    expect(w.flush()).toBe("A     B\nc     d\n");
  });

  it("counts characters, not bytes", () => {
    const w = new TabWriter({ minWidth: 0, padding: 1 });
    w.write("ä\tx\nab\ty\n");
    expect(w.flush()).toBe("ä  x\nab y\n");
  });

  it("aligns a column only over the consecutive lines that have it", () => {
    const w = new TabWriter(describeLayout);
    w.write("Name:\thello\nNamespace:\tdefault\nMetadata:\n  Creation Timestamp:\tnow\n  UID:\tabc\n");
    expect(w.flush()).toBe(
      "Name:       hello\n" +
        "Namespace:  default\n" +
        "Metadata:\n" +
        "  Creation Timestamp:  now\n" +
        "  UID:                 abc\n",
    );
  });

  it("sizes a nested column over its own block inside the outer one", () => {
    const w = new TabWriter({ minWidth: 0, padding: 1 });
    w.write("a\tb\tc\nlong\tx\nz\tbb\tc\n");
    // Column 1 has a cell (tab-terminated) on lines 1 and 3 only, which are not consecutive.
    expect(w.flush()).toBe("a    b c\nlong x\nz    bb c\n");
  });

  it("keeps a line without a newline as it is", () => {
    const w = new TabWriter(tableLayout);
    w.write("a\tb");
    expect(w.flush()).toBe("a     b");
  });

  it("remembers widths across flushes, growing them only", () => {
    const w = new TabWriter(tableLayout);
    w.write("NAME\tAGE\nweb-1\t1s\n");
    expect(w.flush()).toBe("NAME    AGE\nweb-1   1s\n");
    w.write("a\t2s\n");
    expect(w.flush()).toBe("a       2s\n");
    w.write("a-much-longer-name\t3s\n");
    expect(w.flush()).toBe("a-much-longer-name   3s\n");
    w.write("b\t4s\n");
    expect(w.flush()).toBe("b                    4s\n");
    w.forgetWidths();
    w.write("c\t5s\n");
    expect(w.flush()).toBe("c     5s\n");
  });

  it("forgets widths between flushes unless asked to remember", () => {
    const w = new TabWriter(describeLayout);
    w.write("long-key:\tv\n");
    expect(w.flush()).toBe("long-key:  v\n");
    w.write("k:\tv\n");
    expect(w.flush()).toBe("k:  v\n");
    expect(w.flush()).toBe("");
  });
});
