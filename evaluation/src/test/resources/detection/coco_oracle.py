"""Reference COCO bbox stats from pycocotools, for the Java evaluator's oracle test.

Usage: coco_oracle.py MANIFEST.json
MANIFEST is {"cases": [{"name": ..., "gt": path, "dt": path}, ...]}. Prints one JSON object
{"params": {"iouThrs": [...], "recThrs": [...]}, "cases": {name: {"stats": [12 floats],
"seconds": evaluate+accumulate+summarize wall time}}}; floats use repr, so they round-trip exactly.
"""
import contextlib
import io
import json
import sys
import time

from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval, Params


def load_results(coco_gt, path):
    with open(path) as f:
        anns = json.load(f)
    if anns:
        return coco_gt.loadRes(path)
    # loadRes cannot take an empty list (it reads anns[0]); an empty result set is a COCO
    # object with the ground truth's images and categories and no annotations.
    res = COCO()
    res.dataset = {"images": list(coco_gt.dataset["images"]),
                   "categories": list(coco_gt.dataset["categories"]), "annotations": []}
    res.createIndex()
    return res


def evaluate(case):
    coco_gt = COCO(case["gt"])
    coco_dt = load_results(coco_gt, case["dt"])
    ev = COCOeval(coco_gt, coco_dt, "bbox")
    start = time.perf_counter()
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    seconds = time.perf_counter() - start
    return {"stats": [float(s) for s in ev.stats], "seconds": seconds}


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    params = Params(iouType="bbox")
    out = {"params": {"iouThrs": [float(x) for x in params.iouThrs],
                      "recThrs": [float(x) for x in params.recThrs]},
           "cases": {}}
    for case in manifest["cases"]:
        with contextlib.redirect_stdout(io.StringIO()):
            out["cases"][case["name"]] = evaluate(case)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
