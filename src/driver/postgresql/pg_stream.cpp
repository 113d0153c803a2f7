// Streaming a result on PostgreSQL in constant memory: the statement runs in
// libpq's single-row mode (one small PGresult per row, decoded and freed at
// once), outside pipeline mode, on a connection the stream has to itself.
// Leaving early cancels the statement and drains what was already sent.
#include "driver/postgresql/pg_connection.hpp"

#include "driver/postgresql/pg_params.hpp"
#include "driver/postgresql/pg_result.hpp"

#include <quarry/error.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <optional>
#include <string>

namespace quarry::detail {

namespace {

/// How long an abandoned stream waits for the server to stop after a
/// cancel before it gives the connection up (the pool then replaces it).
constexpr std::chrono::seconds drain_limit{10};

}  // namespace

/// Single-row mode, not a cursor with FETCH: no transaction needed, any
/// statement streams (RETURNING too), and the rows come as fast as the
/// server sends them; bench/README.md has the measurement.
class PgConnection::Stream final : public RowStream {
 public:
  enum class Want : std::uint8_t { done, read, write };

  Stream(PgConnection& c, const Statement& st) : c_(c), sql_(st.sql) {
    c_.begin_exclusive(sql_);
    PGconn* const conn = c_.conn_.get();
    try {
      if (sql_.find('\0') != std::string::npos) {
        throw UsageError("SQL text holds a NUL byte; PostgreSQL would stop reading there");
      }
      c_.params_->bind_all(st.params, st.sql);
    } catch (...) {
      c_.end_exclusive();
      throw;
    }
    const PgParams& p = *c_.params_;
    if (PQsendQueryParams(conn, sql_.c_str(), p.count(), p.types(), p.values(), p.lengths(),
                          p.formats(), 0) == 0 ||
        PQsetSingleRowMode(conn) == 0) {
      const std::string why = PQerrorMessage(conn);
      c_.end_exclusive();
      throw_pg_connection_error(conn, why, sql_);
    }
  }

  ~Stream() override {
    if (!done_) abandon();
    c_.end_exclusive();
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  std::size_t next(RowSink& sink, std::size_t max_rows) override {
    std::size_t delivered = 0;
    for (Want w; (w = step(sink, max_rows, delivered)) != Want::done;) {
      c_.wait_blocking(w == Want::write);
    }
    return delivered;
  }

  Task<std::size_t> next_async(RowSink& sink, std::size_t max_rows) override {
    std::size_t delivered = 0;
    for (Want w; (w = step(sink, max_rows, delivered)) != Want::done;) {
      co_await c_.wait_async(w == Want::write);
    }
    co_return delivered;
  }

 private:
  /// Delivers what libpq has, up to `max_rows` in all; says what to wait
  /// for, or done when the chunk is full or the result over.
  Want step(RowSink& sink, std::size_t max_rows, std::size_t& delivered) {
    PGconn* const conn = c_.conn_.get();
    if (failed_) return Want::done;  // a sink threw: the stream is over
    while (!done_ && delivered < max_rows) {
      if (c_.broken_) {
        done_ = true;
        throw_pg_connection_error(conn, PQerrorMessage(conn), sql_);
      }
      const int pending = PQflush(conn);
      if (pending < 0) {
        done_ = true;
        const std::string why = PQerrorMessage(conn);
        c_.fail_all(why);
        throw_pg_connection_error(conn, why, sql_);
      }
      if (PQisBusy(conn) != 0) return pending == 1 ? Want::write : Want::read;
      PgResult r(PQgetResult(conn));
      if (!r) {
        if (!reset_sent_ && send_reset()) continue;
        done_ = true;
        if (error_) throw_pg_error(error_.get(), conn, sql_);
        break;
      }
      if (reset_sent_) continue;  // the empty query's answer
      switch (PQresultStatus(r.get())) {
        case PGRES_SINGLE_TUPLE:
          if (error_) break;  // cannot happen; drained regardless
          if (!reader_) {
            reader_.emplace(r.get());
          } else {
            reader_->rebind(r.get());
          }
          reader_->seek_as(0, rows_);
          ++rows_;
          ++delivered;
          try {
            sink.on_row(*reader_);
          } catch (...) {
            failed_ = true;  // the rest is abandoned when the stream goes
            throw;
          }
          break;
        case PGRES_TUPLES_OK:  // the end of the rows (a result of none)
        case PGRES_COMMAND_OK:
          break;
        case PGRES_COPY_IN:
        case PGRES_COPY_OUT:
        case PGRES_COPY_BOTH:
          done_ = true;
          c_.fail_all("COPY cannot be streamed; the connection was closed");
          throw UsageError("COPY cannot be streamed\nin: " + pg_sql_for_message(sql_));
        default:
          if (!error_) error_ = std::move(r);
          break;
      }
    }
    return Want::done;
  }

  /// libpq keeps single-row mode switched on after the statement ends, and
  /// would then hand the next pipelined statement's rows over one by one:
  /// an empty query (answered at once, no round trip to the executor)
  /// switches it off. Returns false when it cannot be sent.
  bool send_reset() {
    reset_sent_ = true;
    if (PQsendQuery(c_.conn_.get(), "") == 0) {
      c_.fail_all(PQerrorMessage(c_.conn_.get()));
      return false;
    }
    return true;
  }

  /// Cancels the statement and reads, blocking but within drain_limit, what
  /// the server already sent, so that the connection is clean again; else
  /// gives the connection up.
  void abandon() noexcept {
    done_ = true;
    PGconn* const conn = c_.conn_.get();
    if (c_.broken_) return;
    if (PGcancel* cancel = PQgetCancel(conn)) {
      char why[256];
      PQcancel(cancel, why, sizeof why);  // a failed cancel only makes the drain longer
      PQfreeCancel(cancel);
    }
    const auto deadline = std::chrono::steady_clock::now() + drain_limit;
    for (;;) {
      if (PQflush(conn) < 0) break;
      if (PQisBusy(conn) != 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{PQsocket(conn), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
        if (PQconsumeInput(conn) == 0) break;
        continue;
      }
      PGresult* r = PQgetResult(conn);
      if (r == nullptr) {
        if (!reset_sent_ && send_reset()) continue;
        return;  // clean: the connection takes statements again
      }
      PQclear(r);
    }
    c_.fail_all("a stream could not be cancelled in time; the connection was closed");
  }

  PgConnection& c_;
  std::string sql_;
  std::optional<PgRowReader> reader_;  // made from the first row, then rebound row by row
  PgResult error_;
  std::size_t rows_ = 0;
  bool done_ = false;
  bool failed_ = false;
  bool reset_sent_ = false;  // send_reset() ran: what comes now is its answer
};

std::unique_ptr<RowStream> PgConnection::open_stream(const Statement& stmt) {
  return std::make_unique<Stream>(*this, stmt);
}

}  // namespace quarry::detail
