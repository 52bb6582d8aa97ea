R=/tmp/bench25/run.sh; O=/tmp/old25; N=/tmp/new25-loops
$R new-bot-1 $N bench.bot_throughput --backend postgis
$R old-bot-2 $O bench.bot_throughput --backend postgis
$R new-bot-2 $N bench.bot_throughput --backend postgis
$R new-wh500-1 $N bench.webhook_load --rate 500
$R old-wh500-2 $O bench.webhook_load --rate 500
$R new-wh500-2 $N bench.webhook_load --rate 500
$R old-wh200-1 $O bench.webhook_load --rate 200
$R new-wh200-1 $N bench.webhook_load --rate 200
echo done > /tmp/bench25/seq1.done
