#!/usr/bin/env bash
# Train the tagger, the parser (on predicted tags) and the NER at once on one rented GPU,
# each for a fixed wall-clock time, and return the best-on-dev models as float16 files.
#
#   bash training/gpu_train.sh SECONDS OUTDIR      # on the GPU machine, in the repo root
#
# Needs build/gpu/ from training/gpu_pack.sh (stanza and its pure-Python dependencies, the
# prepared data with the parser's predicted tags). OUTDIR gets models.tar split in 15 MB
# parts (the rented machine returns at most 8 files of 16 MiB, 64 MiB in all) and logs.tgz.
#
# Measured on an H200 (16 cores) with six jobs at once, 440 s: GPU 96-98 % busy, yet only
# 1,564 tagger, 2,000 parser and 2,500 NER steps, because each dev evaluation (CPU-bound
# scoring) took ~30 s while six processes shared the cores. Hence three jobs, dev
# evaluations 4-5x rarer, and `INIT=1` to continue from the shipped models instead of
# starting from scratch (the shipped tagger is the one that run produced).
set -uo pipefail
ROOT=$PWD
SECS=${1:-420}
OUT=${2:-$ROOT/build/gpu_out}
mkdir -p "$OUT"
export PYTHONPATH=$ROOT/build/gpu/site${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
W=/tmp/gpu_train
rm -rf $W && mkdir -p $W/logs && cd $W && tar xzf "$ROOT/build/gpu/data.tgz"
export UDBASE=$W/ud DATA_ROOT=$W/data TRAIN_THREADS=4 OMP_NUM_THREADS=4 TRAIN_SECONDS=$SECS
M=$ROOT/data/models/en-compact
P=$M/pretrain.pt
RUN="timeout $((SECS + 100)) python3 $ROOT/training/stz_run.py"
nvidia-smi -L
python3 -c "import torch, stanza; print('torch', torch.__version__, 'stanza', stanza.__version__, 'cuda', torch.cuda.is_available())"

TAGGER="--hidden_dim 256 --char_hidden_dim 256 --deep_biaff_hidden_dim 256 --composite_deep_biaff_hidden_dim 100 --batch_size 250"
PARSER="--hidden_dim 300 --char_hidden_dim 200 --deep_biaff_hidden_dim 200 --num_layers 3"
if [ "${INIT:-0}" = 1 ]; then
  TAGGER_ENV="TAGGER_INIT_FROM=$M/pos.pt"
  PARSER="--hidden_dim 200 --char_hidden_dim 100 --deep_biaff_hidden_dim 100 --num_layers 2 --continue_from $M/depparse.pt --second_optim_start_step 1000000"
  PARSER_ENV="PARSER_VOCAB_FROM=$M/depparse.pt"
  NER="--hidden_dim 128 --finetune --finetune_load_name $M/ner.pt"
else
  TAGGER_ENV="" PARSER_ENV="SECOND_OPTIM_SECONDS=$((SECS * 55 / 100))" NER="--hidden_dim 256"
fi

env $TAGGER_ENV $RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file $P \
  $TAGGER --eval_interval 1000 --fix_eval_interval --save_dir sm/pos > logs/pos.log 2>&1 &
pids=($!)
env $PARSER_ENV $RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force --no_charlm --wordvec_pretrain_file $P \
  $PARSER --eval_interval 1000 --save_dir sm/depparse > logs/depparse.log 2>&1 &
pids+=($!)
$RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file $P \
  $NER --eval_interval 2000 --save_dir sm/ner > logs/ner.log 2>&1 &
pids+=($!)
( while sleep 60; do nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader; done ) &
MON=$!
wait "${pids[@]}"
kill $MON 2>/dev/null

# float16 copies of the best models, as training/install_models.py stores them.
python3 - "$ROOT/training" <<'PY'
import glob, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from install_models import save_half
os.makedirs("fp16", exist_ok=True)
for path in glob.glob("sm/*/*.pt"):
    if "checkpoint" not in path:
        dest = Path("fp16", path.split("/")[1] + "__" + os.path.basename(path))
        save_half(Path(path), dest)
        print(dest.name, dest.stat().st_size)
PY
tar czf "$OUT/logs.tgz" logs
tar cf - fp16 | split -b 15m - "$OUT/models.tar.part-"
ls -la "$OUT"
