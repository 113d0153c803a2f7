// Stream<Row>: the rows of a select() read a chunk at a time, in constant
// memory, from select(...).stream(db) or objects(t).stream(db):
//   auto s = co_await select(band.name).stream(db);
//   while (auto name = co_await s.next()) use(*name);
// or, with the least per-row overhead (one await per chunk):
//   while (co_await s.next_chunk()) for (auto& row : s.chunk()) use(row);
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <quarry/async.hpp>
#include <quarry/driver/connection.hpp>

namespace quarry {

namespace detail {
/// What a Stream decodes a chunk with: rows go into the chunk's vector from
/// its start, overwriting the rows of the chunk before in place (their
/// strings keep their buffers), so that a long stream allocates per chunk at
/// most, not per row. `count` is how many rows of the vector this chunk holds.
class ChunkSink : public RowSink {
 public:
  std::size_t count = 0;
};
}  // namespace detail

/// The rows of one statement, decoded `chunk_rows` at a time into a
/// vector that is reused: memory stays that of one chunk, whatever the
/// result's size. On PostgreSQL the stream holds a connection of its own
/// (single-row mode; a Database leases one until the stream is gone, a
/// Transaction lends its own and runs nothing else meanwhile); on SQLite it
/// steps its statement on the connection's worker thread. Destroying a
/// stream before its end cancels the rest and leaves the connection clean.
/// Move-only; the awaitable and the _sync calls may be mixed.
template <class Row>
class Stream {
 public:
  using row_type = Row;

  Stream() = default;
  Stream(std::unique_ptr<RowStream> source, std::unique_ptr<detail::ChunkSink> sink,
         std::unique_ptr<std::vector<Row>> rows, std::size_t chunk_rows)
      : source_(std::move(source)),
        sink_(std::move(sink)),
        rows_(std::move(rows)),
        chunk_rows_(chunk_rows ? chunk_rows : 1) {}

  /// The next row, or nullopt after the last.
  Task<std::optional<Row>> next() {
    if (pos_ == rows_->size()) {
      // Not `a && !co_await b`: GCC 12 miscompiles an await inside a
      // short-circuit condition.
      const bool more = co_await next_chunk();
      if (!more) co_return std::nullopt;
    }
    co_return std::move((*rows_)[pos_++]);
  }
  std::optional<Row> next_sync() {
    if (pos_ == rows_->size() && !next_chunk_sync()) return std::nullopt;
    return std::move((*rows_)[pos_++]);
  }

  /// Reads the next chunk into chunk(); false (and an empty chunk) at the end.
  Task<bool> next_chunk() {
    clear();
    if (ended_) co_return false;
    const std::size_t n = co_await source_->next_async(*sink_, chunk_rows_);
    co_return delivered(n);
  }
  bool next_chunk_sync() {
    clear();
    if (ended_) return false;
    return delivered(source_->next(*sink_, chunk_rows_));
  }
  /// The rows of the last chunk read, valid until the next call.
  std::vector<Row>& chunk() noexcept { return *rows_; }

  /// Ends the stream now (as destroying it does) and gives its connection back.
  void close() noexcept {
    source_.reset();
    ended_ = true;
  }

 private:
  void clear() {
    sink_->count = 0;
    pos_ = 0;
  }
  bool delivered(std::size_t n) {
    // Rows of the chunk before that this one did not overwrite go (only a
    // shorter last chunk has any).
    if (sink_->count < rows_->size()) rows_->resize(sink_->count);
    if (n == 0) {
      close();
      return false;
    }
    return true;
  }

  std::unique_ptr<RowStream> source_;
  std::unique_ptr<detail::ChunkSink> sink_;  // decodes into *rows_
  std::unique_ptr<std::vector<Row>> rows_;   // on the heap: the sink points at it
  std::size_t chunk_rows_ = 1000;
  std::size_t pos_ = 0;
  bool ended_ = false;
};

}  // namespace quarry
