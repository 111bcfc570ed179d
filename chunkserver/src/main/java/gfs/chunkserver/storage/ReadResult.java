package gfs.chunkserver.storage;

import com.google.protobuf.ByteString;

/** Verified bytes of a chunk, with the chunk's length and version at the time of the read. */
public record ReadResult(ByteString data, long chunkLength, long version) {}
