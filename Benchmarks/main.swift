runYAMLBenchmark()
runXMLBenchmark()
