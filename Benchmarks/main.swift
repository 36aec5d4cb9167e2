runYAMLBenchmark()
runXMLBenchmark()
runModelBenchmark()
