// The PostgreSQL backend: a Connection over one libpq connection, driven in
// non-blocking pipeline mode so that many queries from many coroutines are in
// flight at once. Internal header (it does not include libpq): users reach it
// through quarry::open_connection("postgresql://...").
#pragma once

#include <quarry/driver/connection.hpp>
#include <quarry/driver/url.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace quarry::detail {

class PgSocket;
class PgParams;

/// A connection to one PostgreSQL database.
///
/// Opening connects with the URL's settings (see PgConnectOptions), then
/// makes sure the session reads back as Quarry parses it: TimeZone UTC (so
/// that timestamptz comes as "2024-01-02 03:04:05+00") and DateStyle ISO,
/// with a SET only when the server's defaults differ. Failures throw
/// ConnectionError naming host, port, database and user, never the password.
/// The constructor opens blocking (libpq's PQconnectdbParams), for the
/// synchronous callers; open_async opens on the awaiter's event loop
/// (PQconnectStartParams and PQconnectPoll), the same session and the same
/// errors, never blocking it but for libpq's host name lookup.
///
/// Every statement, batch and script is a request in one queue, sent in
/// order and answered in order:
///   - statements and batches go in pipeline mode, each followed by its own
///     sync point, so that an error fails only its own request (and a batch
///     is one implicit transaction: all its rows or none);
///   - except that consecutive query-builder SELECTs (Statement::read_only)
///     share one: the server's work per sync point (ending the implicit
///     transaction, ReadyForQuery) is what bounds a pipeline of point
///     queries. Such a group is closed by a sync when the burst of requests
///     ends (a posted handler runs once the awaiters ready to run have
///     queued theirs; a blocking call closes it before it waits), before
///     any other request, before a statement's first PREPARE, and after
///     max_group_selects. When a SELECT of a group fails, the server skips
///     the rest of the group (libpq reports them PGRES_PIPELINE_ABORTED):
///     they never ran, so they are sent again while their awaiters keep
///     waiting, and only the failing one sees its error; what the SELECTs
///     before it returned stays true (they wrote nothing). Inside a
///     transaction block they are not sent again: the failure aborted the
///     transaction, and they fail as PostgreSQL fails them (25P02). With the
///     URL's `quarry_pipeline=sync_each`, every statement has its own sync;
///   - scripts (several statements in one string) need the simple query
///     protocol, which pipeline mode forbids: a script waits for the requests
///     before it, runs alone, and the ones after it wait for it.
/// The synchronous calls put a request in the queue and block until it is
/// answered (reading the answers of requests before it too). The awaitable
/// calls never block: the awaiter whose turn it is to read waits on the
/// socket through Asio (PgSocket), hands every answer to its request and
/// wakes that request's awaiter, and hands the reading over when its own
/// answer is in. Rows reach the sink in the awaiter itself, after its answer
/// is complete, so a sink may run other queries on the same connection.
///
/// Frozen statements (Statement::frozen_id) are prepared on first use as
/// named statements "quarry_<id>" and then only executed; with the URL's
/// `quarry_statements=unnamed` they are sent as every other statement is
/// (one unnamed statement, parsed, bound and run within its own sync), so
/// that nothing of the session outlives a transaction: the mode for
/// PgBouncer's transaction pooling, where consecutive transactions of one
/// client connection run on different server sessions.
///
/// Not thread-safe, as every Connection: all awaiters of one connection must
/// run on one executor (or strand) at a time; the connection moves to
/// another executor when nothing is in flight.
class PgConnection final : public Connection {
 public:
  /// Opens blocking, on the caller's thread.
  explicit PgConnection(const DatabaseUrl& url);
  /// Opens without blocking the awaiter's executor: waits for the socket
  /// through Asio between PQconnectPoll steps (libpq may try several hosts
  /// and addresses, each on a socket of its own), and enforces libpq's
  /// connect_timeout itself, which only libpq's blocking loop does: each
  /// host or address has that long (at least 2 s, as in libpq; 0 or
  /// negative: no limit). Unlike libpq's blocking loop, an attempt that
  /// times out ends the open ("timeout expired") instead of going on to the
  /// next host. Then sets the session up, awaited too.
  static Task<std::unique_ptr<PgConnection>> open_async(const DatabaseUrl& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  const sql::Dialect& dialect() const noexcept override;
  ExecResult execute(const Statement& stmt, RowSink* sink) override;
  ExecResult execute_batch(std::string_view sql, BatchSource& batch) override;
  void execute_script(std::string_view sql) override;
  Task<void> run_async(std::function<void()> work) override;
  Task<ExecResult> execute_async(const Statement& stmt, RowSink* sink) override;
  Task<ExecResult> execute_batch_async(std::string_view sql, BatchSource& batch) override;
  Task<void> execute_script_async(std::string_view sql) override;
  /// Binary COPY ... FROM STDIN (pg_copy.cpp).
  std::int64_t copy_in(const CopyStatement& copy, CopySource& source) override;
  Task<std::int64_t> copy_in_async(const CopyStatement& copy, CopySource& source) override;
  /// Single-row mode (pg_stream.cpp).
  std::unique_ptr<RowStream> open_stream(const Statement& stmt) override;
  bool healthy() const noexcept override;
  /// Also reads what the server sent while the connection sat idle: a
  /// restarted server or pg_terminate_backend closed it if so.
  bool check_idle() noexcept override;
  bool pipelines() const noexcept override { return true; }
  /// False with `quarry_statements=unnamed`: frozen queries are then never
  /// prepared as named statements on the server.
  bool names_statements() const noexcept { return names_statements_; }

  /// The libpq handle, for tests and benchmarks (a PGconn*). Do not close it
  /// nor use it while requests are in flight.
  pg_conn* handle() const noexcept { return conn_.get(); }
  /// The server process serving this connection (pg_backend_pid()).
  int backend_pid() const noexcept;
  /// For a Listener: waits, on the awaiter's executor, until the server
  /// sends something while no request is in flight (a notification), and
  /// reads it into libpq (PQnotifies then has it), or until cancel_wait().
  /// ConnectionError when the connection is lost.
  Task<void> wait_for_input();
  /// Completes a pending wait_for_input().
  void cancel_wait() noexcept;

  /// Requests sent or queued and not yet answered.
  std::size_t requests_in_flight() const noexcept { return queue_.size(); }

  /// False with `quarry_pipeline=sync_each`: every statement then has a
  /// sync point of its own.
  bool batches_selects() const noexcept { return batch_selects_; }
  /// Sync points sent so far (tests count them).
  std::uint64_t syncs_sent() const noexcept { return syncs_sent_; }
  /// Statements sent again after a neighbour's failure aborted them (tests).
  std::uint64_t statements_resent() const noexcept { return resent_; }

  /// At most this many SELECTs share one sync point: the server holds their
  /// results until the sync, so a longer group only delays the first answer.
  static constexpr std::size_t max_group_selects = 64;

  /// Frozen ids beyond this run as unnamed statements: the table of
  /// prepared statements is a plain vector, and a stray huge id must not
  /// make it huge.
  static constexpr std::uint32_t max_frozen_id = 1u << 16;

 private:
  struct Request;
  class Enlistment;
  class CopyIn;
  class Stream;
  struct CloseConn {
    void operator()(pg_conn* c) const noexcept;
  };
  enum class Prepared : std::uint8_t { no, in_flight, yes };

  // Opening (pg_connection.cpp, "opening").
  enum class Opening : std::uint8_t { blocking, started };
  /// Reads the URL; `blocking`: connects and sets the session up; `started`:
  /// only starts connecting (PQconnectStartParams), for finish_opening().
  PgConnection(const DatabaseUrl& url, Opening how);
  void open(const DatabaseUrl& url, Opening how);
  /// Drives a started connect to its end and sets the session up, awaiting
  /// the socket; runs on a strand (open_async), with its deadline's timer.
  Task<void> finish_opening();
  /// After connecting: checks the session and makes the connection
  /// non-blocking; returns the SETs the session needs ("" for none).
  std::string begin_session();

  // The request queue (pg_connection.cpp).
  void enqueue(Request& r);
  void abandon(Request& r) noexcept;
  void send_pending();
  bool send_statement(Request& r);
  // Groups of SELECTs sharing a sync point (see the class comment).
  bool sync_now();
  void close_group();
  void schedule_close();
  void settle(Request& r);
  void resend(Request& r);
  void note_transaction_state(const Request& r, const pg_result* last) noexcept;
  bool send_batch_rows(Request& r);
  void dispatch_results();
  void accept_result(Request& r, pg_result* result);
  void complete(Request& r);
  void fail_all(const std::string& message) noexcept;
  void fail_send() noexcept;
  int flush();
  bool read_input();

  // Driving the queue until a request is answered.
  void drive_blocking(Request& r);
  Task<void> drive_async(Request& r);
  Task<void> wait_for_turn(Request& r);
  void pass_reading_on() noexcept;

  // A COPY or a stream has the connection to itself, outside pipeline mode:
  // begin_exclusive checks that nothing is in flight (else UsageError) and
  // leaves pipeline mode; until end_exclusive, every other request is
  // refused. The waits poll (blocking) or wait on the socket (awaitable),
  // then read what came.
  void begin_exclusive(std::string_view sql);
  void end_exclusive() noexcept { exclusive_ = false; }
  void wait_blocking(bool want_write);
  Task<void> wait_async(bool want_write);

  // Turning an answered request into the caller's result.
  ExecResult finish_statement(Request& r, RowSink* sink);
  ExecResult finish_batch(Request& r);
  void finish_script(Request& r);

  std::unique_ptr<pg_conn, CloseConn> conn_;
  std::unique_ptr<PgSocket> socket_;
  std::unique_ptr<PgParams> params_;               // reused by every send: no allocation per query
  std::string sql_text_;                           // the SQL being sent, NUL-terminated for libpq
  std::deque<Request*> queue_;                     // not yet answered, in the order sent
  std::deque<Request*> unsent_;                    // the tail of queue_ not yet (fully) sent
  std::vector<std::unique_ptr<Request>> orphans_;  // abandoned while in flight
  std::vector<Prepared> prepared_;                 // index = Statement::frozen_id
  Request* reader_ = nullptr;                      // the awaiter whose turn it is to read, if any
  bool broken_ = false;                            // the connection failed; every request fails
  bool names_statements_ = true;                   // quarry_statements=named (the default)
  bool exclusive_ = false;                         // a COPY or stream runs (begin_exclusive)
  bool batch_selects_ = true;                      // quarry_pipeline=batch_selects (the default)
  // The open group: SELECTs sent since the last sync point.
  Request* group_tail_ = nullptr;  // the last of them (the sync will follow it); null: none open
  std::size_t group_size_ = 0;
  bool group_has_fresh_ = false;  // one of them is not a re-send
  bool group_aborted_ = false;    // one of them failed: the rest will be skipped
  std::uint64_t syncs_sent_ = 0;
  std::uint64_t resent_ = 0;
  bool requeued_ = false;  // resend() queued a request that the drive loop must send
  /// Whether the session may be inside a transaction block, as of the last
  /// answered request: SELECTs a failure skipped are sent again only when
  /// it is not. Errs towards true (then they fail as the server would).
  bool maybe_in_transaction_ = false;
  std::shared_ptr<char> close_ticket_;  // set while a posted handler is to close the group
};

}  // namespace quarry::detail
