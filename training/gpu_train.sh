#!/usr/bin/env bash
# Train two larger taggers, two parsers (on predicted tags) and the NER at once on one GPU,
# each for a fixed wall-clock time, then return the best-on-dev models as float16 files.
#
#   bash training/gpu_train.sh SECONDS OUTDIR      # on the GPU machine, in the repo root
#
# Needs build/gpu/ from training/gpu_pack.sh. OUTDIR gets models.tgz split in 15 MB parts
# (the rented machine returns files of at most 16 MiB) and logs.tgz.
set -uo pipefail
ROOT=$PWD
SECS=${1:-420}
OUT=${2:-$ROOT/build/gpu_out}
mkdir -p "$OUT"
export PYTHONPATH=$ROOT/build/gpu/site${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1
W=/tmp/gpu_train
rm -rf $W && mkdir -p $W/logs && cd $W && tar xzf "$ROOT/build/gpu/data.tgz"
export UDBASE=$W/ud DATA_ROOT=$W/data TRAIN_THREADS=2 OMP_NUM_THREADS=2 TRAIN_SECONDS=$SECS
P=$ROOT/data/models/en-compact/pretrain.pt
RUN="timeout $((SECS + 100)) python3 $ROOT/training/stz_run.py"
nvidia-smi -L
python3 -c "import torch, stanza; print('torch', torch.__version__, 'stanza', stanza.__version__, 'cuda', torch.cuda.is_available())"

TAGGER_M="--hidden_dim 200 --char_hidden_dim 200 --deep_biaff_hidden_dim 200 --composite_deep_biaff_hidden_dim 100 --batch_size 250"
TAGGER="--hidden_dim 256 --char_hidden_dim 256 --deep_biaff_hidden_dim 256 --composite_deep_biaff_hidden_dim 100 --batch_size 250"
PARSER_L="--hidden_dim 300 --char_hidden_dim 200 --deep_biaff_hidden_dim 200 --num_layers 3"
PARSER_M="--hidden_dim 256 --char_hidden_dim 128 --deep_biaff_hidden_dim 128 --num_layers 2"
export SECOND_OPTIM_SECONDS=$((SECS * 55 / 100))

$RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file $P \
  $TAGGER --eval_interval 250 --fix_eval_interval --save_dir sm/pos > logs/pos.log 2>&1 &
pids=($!)
$RUN stanza.utils.training.run_pos UD_English-EWT --force --no_charlm --wordvec_pretrain_file $P \
  $TAGGER_M --eval_interval 250 --fix_eval_interval --save_dir sm/posM > logs/posM.log 2>&1 &
pids+=($!)
$RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force --no_charlm --wordvec_pretrain_file $P \
  $PARSER_L --eval_interval 200 --save_dir sm/depL > logs/depL.log 2>&1 &
pids+=($!)
$RUN stanza.utils.training.run_depparse UD_English-EWTGUM --force --no_charlm --wordvec_pretrain_file $P \
  $PARSER_M --eval_interval 200 --save_dir sm/depM > logs/depM.log 2>&1 &
pids+=($!)
$RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file $P \
  --hidden_dim 256 --eval_interval 500 --save_dir sm/ner > logs/ner.log 2>&1 &
pids+=($!)
$RUN stanza.utils.training.run_ner en_gum --force --no_charlm --wordvec_pretrain_file $P \
  --hidden_dim 128 --eval_interval 500 --save_dir sm/ner128 > logs/ner128.log 2>&1 &
pids+=($!)
( while sleep 60; do nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader; done ) &
MON=$!
wait "${pids[@]}"
kill $MON 2>/dev/null

# float16 copies of the best models: half the size, same predictions to within rounding.
python3 - <<'PY'
import glob, os, torch
os.makedirs("fp16", exist_ok=True)
for path in glob.glob("sm/*/*.pt"):
    if "checkpoint" in path:
        continue
    ck = torch.load(path, map_location="cpu", weights_only=False)
    ck["model"] = {k: v.half() if torch.is_floating_point(v) else v for k, v in ck["model"].items()}
    name = path.split("/")[1] + "__" + os.path.basename(path)
    torch.save(ck, "fp16/" + name, _use_new_zipfile_serialization=False)
    print(name, os.path.getsize("fp16/" + name))
PY
tar czf "$OUT/logs.tgz" logs
tar cf - fp16 | split -b 15m - "$OUT/models.tar.part-"
ls -la "$OUT"
