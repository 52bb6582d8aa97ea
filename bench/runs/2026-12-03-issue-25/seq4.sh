# /tmp/rev25 = main 0a3dc84 with 93e9a28, f62638e and 2a065d9 undone (see README.md); run3.sh is /tmp/bench3/run.sh
R=/tmp/bench3/run.sh; V=/tmp/rev25; N=/tmp/new25
while [ ! -f /tmp/bench3/DONE ]; do sleep 5; done
for i in 1 2 3; do
  $R s4-rev-bot-$i $V bench.bot_throughput --backend postgis
  $R s4-new-bot-$i $N bench.bot_throughput --backend postgis
done
for i in 1 2; do
  $R s4-rev-wh500-$i $V bench.webhook_load --rate 500 --seconds 30
  $R s4-new-wh500-$i $N bench.webhook_load --rate 500 --seconds 30
done
echo done > /tmp/bench3/DONE4
