R=/tmp/bench3/run.sh; O=/tmp/old25; N=/tmp/new25
for i in 1 2 3; do
  $R s3-old-bot-$i $O bench.bot_throughput --backend postgis
  $R s3-new-bot-$i $N bench.bot_throughput --backend postgis
done
for i in 1 2; do
  $R s3-old-wh500-$i $O bench.webhook_load --rate 500 --seconds 30
  $R s3-new-wh500-$i $N bench.webhook_load --rate 500 --seconds 30
done
echo done > /tmp/bench3/DONE
