#!/usr/bin/env bash
# Reproduce the packaged Arabic NER model from ANERcorp (../shared/datasets/anercorp):
# convert -> spacy train -> package model-best into src/graph/nlp/models/ar_ner -> evaluate on test.
#
#   training/train_ar_ner.sh            # from the repo root (about 15 minutes on one CPU thread)
#   PYTHON=python3 training/train_ar_ner.sh   # another interpreter (default: .venv/bin/python)
#
# Extra arguments go to `spacy train`, e.g. --training.max_epochs 2 for a quick check.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
OUTPUT=training/output/ar
PACKAGED=src/graph/nlp/models/ar_ner
# One thread: the machine is shared, and the CNN gains little from more on CPU.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "== convert"
"$PYTHON" training/convert_anercorp.py

echo "== train"
mkdir -p "$OUTPUT"
start=$(date +%s)
"$PYTHON" -m spacy train training/ar_ner.cfg --output "$OUTPUT" --code training/ar_ner_code.py "$@" \
    2>&1 | tee "$OUTPUT/train.log"
seconds=$(($(date +%s) - start))
echo "training took ${seconds}s" | tee -a "$OUTPUT/train.log"

echo "== package"
"$PYTHON" training/package_model.py "$OUTPUT/model-best" "$PACKAGED" --train-seconds "$seconds"
du -sh "$PACKAGED"

echo "== evaluate (ANERcorp test split)"
"$PYTHON" training/evaluate_ner.py --model "$PACKAGED" --json "$OUTPUT/test_scores.json" \
    | tee "$OUTPUT/test_scores.md"
