# /tmp/tune25 = main 0a3dc84 plus gil.py, heap.py, started.py of f62638e^ and their calls in webhook/cli.py and worker/cli.py
R=/tmp/bench3/run.sh; T=/tmp/tune25; N=/tmp/new25
for i in 1 2; do
  $R s5-tune-wh500-$i $T bench.webhook_load --rate 500 --seconds 30
  $R s5-new-wh500-$i $N bench.webhook_load --rate 500 --seconds 30
done
echo done > /tmp/bench3/DONE5
