#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) into the Markdown tables of docs/BENCHMARKS.md.

Usage: summarize.py RESULT.json [BASELINE | PREFIX=BASELINE ...]

For each benchmark: the median of its measurement iterations (robust against the bursts of a
shared machine), the min-max range, and the ratio median/median to its baseline: the method
named BASELINE for every benchmark of its class, or, with PREFIX=BASELINE, for the methods whose
name starts with PREFIX. For sample-time benchmarks: the p50 and p99 of all samples; for
single-shot benchmarks: the p50 and p90 of the iterations. Parameterised benchmarks get a row per
setting, named METHOD[VALUES].
"""
import json
import statistics
import sys


def main():
    results = json.load(open(sys.argv[1]))
    pairs = [a.split("=", 1) if "=" in a else ["", a] for a in sys.argv[2:]]
    by_class = {}
    for r in results:
        cls, method = r["benchmark"].rsplit(".", 2)[-2:]
        params = r.get("params")
        if params:
            # A parameterised benchmark gets one row per setting: name it after its values.
            method += "[" + ",".join(params.values()) + "]"
        by_class.setdefault(cls, []).append((method, r))
    for cls, rows in by_class.items():
        by_name = dict(rows)

        def baseline_of(method):
            for prefix, name in pairs:
                if method.startswith(prefix) and name in by_name:
                    return by_name[name]
            return None

        mode = rows[0][1]["mode"]
        unit = rows[0][1]["primaryMetric"]["scoreUnit"]
        print(f"\n{cls} ({mode}, {unit}), {rows[0][1]['jdkVersion']}")
        if mode == "sample":
            print("| benchmark | p50 | p99 | p50 ratio | p99 ratio |")
            print("|---|---:|---:|---:|---:|")
            for method, r in rows:
                base = baseline_of(method)
                bp = base["primaryMetric"]["scorePercentiles"] if base else None
                p = r["primaryMetric"]["scorePercentiles"]
                ratio50 = f"{p['50.0'] / bp['50.0']:.2f}x" if bp else ""
                ratio99 = f"{p['99.0'] / bp['99.0']:.2f}x" if bp else ""
                print(f"| {method} | {p['50.0']:.1f} | {p['99.0']:.1f} | {ratio50} | {ratio99} |")
            continue
        if mode == "ss":
            # Single-shot: one measurement per iteration; the percentiles are of those.
            print("| benchmark | p50 | p90 | min-max | p50 ratio |")
            print("|---|---:|---:|---:|---:|")
            for method, r in rows:
                base = baseline_of(method)
                raw = sorted(x for fork in r["primaryMetric"]["rawData"] for x in fork)
                p = r["primaryMetric"]["scorePercentiles"]
                ratio = f"{median(r) / median(base):.2f}x" if base else ""
                print(f"| {method} | {fmt(median(r))} | {fmt(p['90.0'])} | {fmt(raw[0])}-{fmt(raw[-1])} | {ratio} |")
            continue
        print("| benchmark | median | min-max | ratio | alloc B/op |")
        print("|---|---:|---:|---:|---:|")
        for method, r in rows:
            base = baseline_of(method)
            bm = median(base) if base else None
            m = median(r)
            raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
            alloc_text = f"{alloc['score']:.0f}" if alloc else ""
            ratio = f"{m / bm:.2f}x" if bm else ""
            aux = [f"{k}={v['score']:.0f}" for k, v in r.get("secondaryMetrics", {}).items() if not k.startswith("gc.")]
            print(f"| {method} | {fmt(m)} | {fmt(min(raw))}-{fmt(max(raw))} | {ratio} | {alloc_text} |"
                  + (" " + ", ".join(aux) if aux else ""))


def median(r):
    return statistics.median(x for fork in r["primaryMetric"]["rawData"] for x in fork)


def fmt(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.2f}"


if __name__ == "__main__":
    main()
