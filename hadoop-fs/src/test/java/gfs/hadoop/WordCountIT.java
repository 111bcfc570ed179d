package gfs.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.examples.WordCount;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MapReduce job no one here wrote (Hadoop's own WordCount mapper and reducer, local job
 * runner) whose input and output live on gfs://: input splits from chunk block locations,
 * task output committed by FileOutputCommitter's renames, the result read back and checked
 * against counts made here.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WordCountIT {
  private static final String[] WORDS = {"chunk", "master", "lease", "replica", "append", "raft"};
  @TempDir java.nio.file.Path work;

  @Test
  void wordCountReadsAndWritesGfs() throws Exception {
    Configuration conf = HadoopJobs.localRunner(work);
    Path input = new Path("gfs://" + TestCluster.NAME + "/wordcount/in");
    Path output = new Path("gfs://" + TestCluster.NAME + "/wordcount/out");
    FileSystem fs = input.getFileSystem(conf);
    fs.delete(input.getParent(), true);
    // Two files, one of about 2.5 chunks, so that the job gets several splits from one file.
    Map<String, Integer> expected = new TreeMap<>();
    writeWords(fs, new Path(input, "big.txt"), 2_500_000, new Random(1), expected);
    writeWords(fs, new Path(input, "small.txt"), 1_000, new Random(2), expected);

    Job job = Job.getInstance(conf, "gfs word count");
    job.setMapperClass(WordCount.TokenizerMapper.class);
    job.setCombinerClass(WordCount.IntSumReducer.class);
    job.setReducerClass(WordCount.IntSumReducer.class);
    job.setOutputKeyClass(Text.class);
    job.setOutputValueClass(IntWritable.class);
    FileInputFormat.addInputPath(job, input);
    FileOutputFormat.setOutputPath(job, output);
    // 2.5 MB in 1 MB chunks: one split per chunk of big.txt plus small.txt, each placed on the
    // hosts of its chunk's replicas (getFileBlockLocations).
    List<InputSplit> splits = new TextInputFormat().getSplits(job);
    assertEquals(4, splits.size(), splits.toString());
    for (InputSplit split : splits) {
      assertTrue(split.getLocations().length > 0, "no hosts for " + split);
    }
    assertTrue(job.waitForCompletion(true), "word count job failed: " + job.getStatus());
    assertTrue(job.getCounters().findCounter("org.apache.hadoop.mapreduce.TaskCounter",
        "MAP_INPUT_RECORDS").getValue() > 0);
    assertTrue(job.getNumReduceTasks() >= 1);
    assertTrue(fs.exists(new Path(output, "_SUCCESS")), "no _SUCCESS marker in " + output);

    Map<String, Integer> counted = new TreeMap<>();
    for (FileStatus part : fs.listStatus(output, p -> p.getName().startsWith("part-"))) {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          String[] fields = line.split("\t");
          counted.put(fields[0], Integer.parseInt(fields[1]));
        }
      }
    }
    assertEquals(expected, counted);
  }

  /** Writes lines of random words until the file has about bytes bytes; counts them. */
  private static void writeWords(FileSystem fs, Path file, int bytes, Random random,
      Map<String, Integer> counts) throws Exception {
    StringBuilder text = new StringBuilder();
    while (text.length() < bytes) {
      for (int i = 0; i < 8; i++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        counts.merge(word, 1, Integer::sum);
        text.append(word).append(i < 7 ? ' ' : '\n');
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
