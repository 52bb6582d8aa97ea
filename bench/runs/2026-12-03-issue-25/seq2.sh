R=/tmp/bench25/run.sh; O=/tmp/old25; N=/tmp/new25-final; U=/tmp/new25-unsettled
$R s2-settled-wh500-1 $N bench.webhook_load --rate 500 --seconds 30
$R s2-unsettled-wh500-1 $U bench.webhook_load --rate 500 --seconds 30
$R s2-unsettled-wh500-2 $U bench.webhook_load --rate 500 --seconds 30
$R s2-settled-wh500-2 $N bench.webhook_load --rate 500 --seconds 30
$R s2-old-bot $O bench.bot_throughput --backend postgis
$R s2-new-bot $U bench.bot_throughput --backend postgis
echo done > /tmp/bench25/seq2.done
