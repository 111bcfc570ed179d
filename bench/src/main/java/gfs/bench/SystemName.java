package gfs.bench;

/** The systems a figure can belong to; MACHINE is the limits measured without either. */
enum SystemName {
  HDFS("HDFS"), GFS("gfs"), MACHINE("machine");

  final String label;

  SystemName(String label) {
    this.label = label;
  }
}
