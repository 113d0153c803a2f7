// The PostgreSQL backend: the request queue that runs statements, batches
// and scripts over one libpq connection in pipeline mode, blocking (the
// _sync calls) or on Asio (the awaitable calls). See pg_connection.hpp for
// the design; opening is in pg_open.cpp.
#include "driver/postgresql/pg_connection.hpp"

#include "driver/postgresql/pg_connect_options.hpp"
#include "driver/postgresql/pg_params.hpp"
#include "driver/postgresql/pg_result.hpp"
#include "driver/postgresql/pg_socket.hpp"

#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <optional>
#include <utility>

namespace quarry::detail {

namespace asio = boost::asio;

namespace {

/// A batch checks every this many rows whether the socket keeps up, and
/// pauses sending (to read answers) when it does not: a million-row batch
/// then never holds more than the socket's buffers in memory.
constexpr std::size_t batch_rows_per_flush = 64;

/// Sent in place of the rest of a batch whose rows could not be bound
/// (BatchSource::bind threw): the error aborts the batch's implicit
/// transaction, so the rows already sent are rolled back, not committed.
constexpr const char* abort_batch_sql =
    "DO $quarry$BEGIN RAISE EXCEPTION 'quarry: batch abandoned by the client'; END$quarry$";

/// The name of frozen statement `id` on the server.
struct FrozenName {
  char text[24];
  explicit FrozenName(std::uint32_t id) {
    *fmt::format_to_n(text, sizeof text - 1, "quarry_{}", id).out = '\0';
  }
};

/// A statement the server skipped because an earlier one of its sync group
/// failed inside a transaction block (a SELECT sharing a sync point with
/// the failing one): the transaction is aborted, and PostgreSQL would have
/// refused it so with a sync point of its own.
[[noreturn]] void throw_skipped(std::string_view sql) {
  throw QueryError(
      "PostgreSQL error 25P02: current transaction is aborted, commands ignored until end of "
      "transaction block (a statement before this one in the transaction failed)\nin: " +
          pg_sql_for_message(sql),
      std::string(sql), "25P02");
}

void check_sql_text(std::string_view sql) {
  if (sql.find('\0') != std::string_view::npos) {
    throw UsageError("SQL text holds a NUL byte; PostgreSQL would stop reading there\nin: " +
                     pg_sql_for_message(sql.substr(0, sql.find('\0'))));
  }
}

}  // namespace

// ------------------------------------------------------------- the request

/// One statement, batch or script, from the call that makes it until its
/// answer is complete. Lives in the caller's frame (or as an orphan, owned
/// by the connection, once its caller is gone).
struct PgConnection::Request {
  enum class Kind : std::uint8_t { statement, batch, script };

  explicit Request(Kind k) : kind(k) {}

  Kind kind;
  // What to send; only read while sending.
  std::string_view sql;
  std::span<const Value> params;
  std::uint32_t frozen_id = 0;
  BatchSource* batch = nullptr;
  std::size_t batch_rows = 0;
  std::size_t next_row = 0;  // batch rows sent so far

  bool read_only = false;  // Statement::read_only: may share a sync point, may be sent again

  // Progress on the wire.
  bool started = false;          // something of it was sent: answers will come
  bool carries_prepare = false;  // its first command prepares frozen_id
  bool abort_batch = false;      // send the batch's abort and sync instead of more rows
  bool sync_sent = false;        // a sync point follows it (else it is in a group)
  bool retrying = false;         // queued again after an abort, not yet sent
  bool aborted = false;          // the server skipped it: an earlier command of its group failed
  int commands_open = 0;         // commands sent whose end (a NULL result) has not come
  int commands_closed = 0;       // commands whose end came
  bool orphan = false;
  bool done = false;

  // The answer.
  PgResult result;               // a statement's result
  PgResult error;                // the first error result
  std::string failure;           // a failure without a result (connection lost)
  std::exception_ptr exception;  // thrown while sending (a bad parameter)
  ExecResult totals;             // a batch's sums

  /// Resumes the awaiter, when it waits for its answer or its turn to read.
  std::optional<asio::any_completion_handler<void()>> wakeup;
  asio::any_io_executor wakeup_executor;  // the awaiter's

  /// Resumes the parked awaiter later, on its executor (never from inside
  /// the loop that answered it).
  void wake() {
    auto h = std::move(*wakeup);
    wakeup.reset();
    asio::post(wakeup_executor, [h = std::move(h)]() mutable { std::move(h)(); });
  }
};

/// Keeps a request's place in the queue honest when its caller leaves early
/// (an exception, or a coroutine destroyed mid-await): an unsent request is
/// dropped, a sent one becomes an orphan that takes its answers.
class PgConnection::Enlistment {
 public:
  Enlistment(PgConnection& c, Request& r) : c_(c), r_(r) {}
  ~Enlistment() {
    if (!r_.done) c_.abandon(r_);
  }
  Enlistment(const Enlistment&) = delete;
  Enlistment& operator=(const Enlistment&) = delete;

 private:
  PgConnection& c_;
  Request& r_;
};

void PgConnection::CloseConn::operator()(pg_conn* c) const noexcept {
  PQfinish(c);
}

// ---------------------------------------------------------------- opening

// Here, where Request is complete (the members' destructors need it); the
// opening itself is in pg_open.cpp.
PgConnection::PgConnection(const DatabaseUrl& url) : PgConnection(url, Opening::blocking) {}

PgConnection::PgConnection(const DatabaseUrl& url, Opening how)
    : socket_(std::make_unique<PgSocket>()), params_(std::make_unique<PgParams>()) {
  open(url, how);
}

PgConnection::~PgConnection() {
  close_ticket_.reset();  // a posted close_group handler does nothing now
  // Requests still queued break the contract (an await must not outlive its
  // connection); let go of them without touching the server. A waiting
  // awaiter's handler owns its coroutine frame, and with it the request:
  // move the handler out first, so that the request is not destroyed from
  // inside its own member.
  std::deque<Request*> left;
  left.swap(queue_);
  unsent_.clear();
  reader_ = nullptr;
  for (Request* r : left) {
    r->done = true;
    if (r->wakeup) {
      auto h = std::move(*r->wakeup);
      r->wakeup.reset();
    }
  }
  orphans_.clear();
  socket_.reset();  // release the descriptor before PQfinish closes it
}

const sql::Dialect& PgConnection::dialect() const noexcept {
  return sql::postgresql_dialect();
}

bool PgConnection::healthy() const noexcept {
  return !broken_ && conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

bool PgConnection::check_idle() noexcept {
  if (!healthy()) return false;
  if (!queue_.empty() || socket_->waiting()) return true;  // in use after all: its reader will see
  // Idle (the pool asks at checkout): a server that closed the session (a
  // restart, pg_terminate_backend, idle_session_timeout) has sent its FATAL
  // error and end-of-file, which libpq notices only when it reads. One
  // poll() without waiting tells: nothing to read means nothing happened.
  PGconn* const c = conn_.get();
  for (int round = 0; round < 4; ++round) {
    pollfd p{PQsocket(c), POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return true;  // nothing came (or poll failed: assume well)
    // Something came while idle: a NOTICE, a parameter change, or the end.
    if (PQconsumeInput(c) == 0 || PQstatus(c) != CONNECTION_OK) {
      fail_all(PQerrorMessage(c));
      return false;
    }
  }
  return true;
}

int PgConnection::backend_pid() const noexcept {
  return PQbackendPID(conn_.get());
}

// ------------------------------------------------------------ the queue

void PgConnection::enqueue(Request& r) {
  if (exclusive_) {
    throw UsageError(
        "this PostgreSQL connection is streaming a result or running a bulk load: finish (or "
        "destroy) the stream before running other statements on it\nin: " +
        pg_sql_for_message(r.sql));
  }
  if (broken_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    throw_pg_connection_error(conn_.get(), "the connection is broken; open a new one", r.sql);
  }
  queue_.push_back(&r);
  unsent_.push_back(&r);
  send_pending();
  // An open group is flushed with its sync (close_group), once the burst
  // of queries ends: one write for all of them.
  if (group_tail_ != nullptr) return;
  // A reader waiting only for input must also wait for output that could
  // not be written yet, or it would wait for answers to unsent queries.
  if (!broken_ && flush() == 1 && socket_->waiting()) socket_->cancel();
}

void PgConnection::send_pending() {
  PGconn* const c = conn_.get();
  while (!unsent_.empty() && !broken_) {
    Request& r = *unsent_.front();
    if (r.kind != Request::Kind::statement && group_tail_ != nullptr) {
      close_group();  // a batch or script never shares a sync point
      if (broken_) return;
    }
    if (r.kind == Request::Kind::script) {
      // The simple query protocol runs outside pipeline mode: after the
      // requests before it are answered, and alone.
      if (queue_.front() != &r) return;
      if (PQpipelineStatus(c) != PQ_PIPELINE_OFF && PQexitPipelineMode(c) == 0) {
        return fail_send();
      }
      sql_text_.assign(r.sql);
      if (PQsendQuery(c, sql_text_.c_str()) == 0) return fail_send();
      r.started = true;
      r.commands_open = 1;
      unsent_.pop_front();
      return;
    }
    const Request& first = *queue_.front();
    if (first.kind == Request::Kind::script && first.started) return;  // wait for the script
    if (PQpipelineStatus(c) == PQ_PIPELINE_OFF && PQenterPipelineMode(c) == 0) {
      return fail_send();
    }
    bool finished = false;
    try {
      finished = r.kind == Request::Kind::statement ? send_statement(r) : send_batch_rows(r);
    } catch (...) {
      // A parameter could not be sent (a NUL byte in text, a BatchSource
      // that threw). Nothing of a statement left: drop it from the queue.
      // Rows of a batch did: abort them and let the sync close the batch.
      r.exception = std::current_exception();
      if (!r.started) {
        unsent_.pop_front();
        queue_.erase(std::find(queue_.begin(), queue_.end(), &r));
        complete(r);
        continue;
      }
      r.abort_batch = true;
      continue;  // the next pass sends the abort and the sync
    }
    if (!finished) return;  // a batch paused for the socket
    unsent_.pop_front();
  }
  if (group_tail_ != nullptr && !broken_) schedule_close();
}

void PgConnection::fail_send() noexcept {
  // libpq refuses to send only when the connection is gone (or memory is).
  fail_all(PQerrorMessage(conn_.get()));
}

bool PgConnection::send_statement(Request& r) {
  PGconn* const c = conn_.get();
  check_sql_text(r.sql);
  params_->bind_all(r.params, r.sql);
  sql_text_.assign(r.sql);
  const char* const text = sql_text_.c_str();
  const bool named = r.frozen_id != 0 && r.frozen_id < max_frozen_id && names_statements_;
  if (named && prepared_.size() <= r.frozen_id) {
    prepared_.resize(r.frozen_id + 1, Prepared::no);
  }
  const bool prepares = named && prepared_[r.frozen_id] == Prepared::no;
  const bool joins_group = batch_selects_ && r.read_only;
  // Close the open group first when this statement may not join it: it is
  // not a SELECT of the builder; a SELECT of the group failed (the server
  // skips the rest until the sync); it prepares (a PREPARE skipped because
  // of a neighbour would leave the statements after it that count on it
  // without it); or it is sent again and the group holds others, which
  // could fail before it once more (first in its group, it runs).
  if (group_tail_ != nullptr &&
      (!joins_group || group_aborted_ || prepares || (r.retrying && group_has_fresh_))) {
    close_group();
    if (broken_) return false;
  }
  bool sent;
  if (named) {
    const FrozenName name(r.frozen_id);
    if (prepares) {
      // The types of this first execution's parameters (bytea for blobs,
      // else unknown) become the statement's.
      if (PQsendPrepare(c, name.text, text, params_->count(), params_->types()) == 0) {
        fail_send();
        return false;
      }
      prepared_[r.frozen_id] = Prepared::in_flight;
      r.carries_prepare = true;
      r.started = true;
      ++r.commands_open;
    }
    sent = PQsendQueryPrepared(c, name.text, params_->count(), params_->values(),
                               params_->lengths(), params_->formats(), 0) != 0;
  } else {
    sent = PQsendQueryParams(c, text, params_->count(), params_->types(), params_->values(),
                             params_->lengths(), params_->formats(), 0) != 0;
  }
  if (!sent) {
    fail_send();
    return false;
  }
  r.started = true;
  ++r.commands_open;
  r.sync_sent = false;
  if (joins_group) {
    // No sync point of its own: the group's comes later (close_group).
    group_tail_ = &r;
    group_has_fresh_ = group_has_fresh_ || !r.retrying;
    r.retrying = false;
    if (++group_size_ < max_group_selects) return true;
    close_group();
    return !broken_;
  }
  // Its own sync point: an error aborts this statement only.
  if (!sync_now()) return false;
  r.sync_sent = true;
  return true;
}

// ------------------------------------------------- groups of SELECTs

bool PgConnection::sync_now() {
  if (PQpipelineSync(conn_.get()) == 0) {
    fail_send();
    return false;
  }
  ++syncs_sent_;
  return true;
}

void PgConnection::close_group() {
  close_ticket_.reset();  // a handler posted for this group has nothing left to do
  if (group_tail_ == nullptr) return;
  Request& tail = *group_tail_;
  group_tail_ = nullptr;
  group_size_ = 0;
  group_has_fresh_ = false;
  group_aborted_ = false;
  if (!sync_now()) return;
  tail.sync_sent = true;  // the group's last SELECT takes the sync's answer
}

// Closes the open group once the awaiters that are ready to run have queued
// their queries too: a handler posted now runs after theirs. Without an
// executor (only blocking calls so far), at once.
void PgConnection::schedule_close() {
  if (close_ticket_) return;  // posted already
  if (!socket_->bound()) {
    close_group();
    return;
  }
  close_ticket_ = std::make_shared<char>(0);
  asio::post(socket_->executor(), [this, ticket = std::weak_ptr<char>(close_ticket_)] {
    // Expired: the group was closed meanwhile (or the connection is gone),
    // and nothing of the connection may be touched (it may serve another
    // executor by now). Alive: requests are in flight, so it serves this one.
    if (ticket.expired()) return;
    close_group();
    // A reader waiting only for input must also wait to write the rest.
    if (!broken_ && flush() == 1 && socket_->waiting()) socket_->cancel();
  });
}

// A request whose answer is in (taken off the queue): wakes its awaiter, or
// sends it again when the server skipped it because a neighbour of its
// group failed. Outside a transaction block the skipped SELECT never ran
// (its group's implicit transaction was rolled back, and it writes
// nothing), so running it now is the same as having run it then. Inside
// one, the failure aborted the transaction: it fails (finish_statement
// says so), as it would have with a sync point of its own.
void PgConnection::settle(Request& r) {
  if (r.aborted && r.kind == Request::Kind::statement && !r.orphan && !r.error &&
      r.failure.empty() && !maybe_in_transaction_) {
    resend(r);
    return;
  }
  complete(r);
}

void PgConnection::resend(Request& r) {
  r.started = false;
  r.carries_prepare = false;
  r.sync_sent = false;
  r.aborted = false;
  r.commands_open = 0;
  r.commands_closed = 0;
  r.result.reset();
  r.retrying = true;
  requeued_ = true;
  ++resent_;
  // Next to be sent: after a batch partly sent and the other re-sends
  // queued before it, before the requests never sent (unsent_ is the tail
  // of queue_, in the same order).
  const auto at = std::find_if(unsent_.begin(), unsent_.end(),
                               [](const Request* u) { return !u->started && !u->retrying; });
  const auto offset = at - unsent_.begin();
  const auto in_queue = queue_.end() - static_cast<std::ptrdiff_t>(unsent_.size()) + offset;
  queue_.insert(in_queue, &r);
  unsent_.insert(unsent_.begin() + offset, &r);
}

// What the session's transaction state is after `r` was answered (a
// SELECT cannot change it). libpq knows it exactly when
// nothing else is in flight; else the command tag of its last result tells
// (BEGIN, COMMIT, ROLLBACK). A failure inside a block leaves the block
// open (aborted); a failing COMMIT may have ended it, which counting it as
// open errs on the safe side of.
void PgConnection::note_transaction_state(const Request& r, const pg_result* last) noexcept {
  switch (PQtransactionStatus(conn_.get())) {
    case PQTRANS_IDLE:
      maybe_in_transaction_ = false;
      return;
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
      maybe_in_transaction_ = true;
      return;
    default:  // PQTRANS_ACTIVE: other requests in flight; PQTRANS_UNKNOWN
      break;
  }
  if (last == nullptr || r.kind != Request::Kind::statement) {
    // A batch runs its own implicit transaction (or inside the block);
    // a script always runs alone (libpq knew).
    return;
  }
  const std::string_view tag = PQcmdStatus(const_cast<pg_result*>(last));
  if (tag == "BEGIN" || tag == "START TRANSACTION") {
    maybe_in_transaction_ = true;
  } else if (tag == "COMMIT" || tag == "ROLLBACK" || tag == "PREPARE TRANSACTION") {
    // COMMIT AND CHAIN starts the next transaction at once.
    std::string lower(r.sql);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    maybe_in_transaction_ = lower.find("chain") != std::string::npos;
  }
}

// A batch is one unnamed prepared statement and an execution per row, then
// one sync: the server runs them in one implicit transaction (outside a
// transaction block), so a failing row leaves no earlier row behind. The
// unnamed statement is safe from the requests after the batch, which are
// sent only once the batch is.
bool PgConnection::send_batch_rows(Request& r) {
  PGconn* const c = conn_.get();
  if (r.abort_batch) {
    if (PQsendQueryParams(c, abort_batch_sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 0) {
      fail_send();
      return false;
    }
    ++r.commands_open;
    if (!sync_now()) return false;
    r.sync_sent = true;
    return true;
  }
  if (!r.started) check_sql_text(r.sql);
  std::size_t sent_now = 0;
  while (r.next_row < r.batch_rows) {
    params_->clear(r.sql);
    r.batch->bind(r.next_row, *params_);
    params_->finish();
    if (!r.started) {
      // Prepared with the first row's parameter types.
      sql_text_.assign(r.sql);
      if (PQsendPrepare(c, "", sql_text_.c_str(), params_->count(), params_->types()) == 0) {
        fail_send();
        return false;
      }
      r.started = true;
      ++r.commands_open;
    }
    if (PQsendQueryPrepared(c, "", params_->count(), params_->values(), params_->lengths(),
                            params_->formats(), 0) == 0) {
      fail_send();
      return false;
    }
    ++r.commands_open;
    ++r.next_row;
    if (++sent_now % batch_rows_per_flush == 0) {
      const int pending = flush();
      if (pending != 0) return false;  // full socket, or failed (then broken_)
    }
  }
  if (!sync_now()) return false;
  r.sync_sent = true;
  return true;
}

int PgConnection::flush() {
  if (broken_) return -1;
  const int rc = PQflush(conn_.get());
  if (rc < 0) fail_all(PQerrorMessage(conn_.get()));
  return rc;
}

bool PgConnection::read_input() {
  if (broken_) return false;
  if (PQconsumeInput(conn_.get()) == 0) {
    fail_all(PQerrorMessage(conn_.get()));
    return false;
  }
  return true;
}

void PgConnection::dispatch_results() {
  PGconn* const c = conn_.get();
  while (!broken_ && !queue_.empty()) {
    Request& r = *queue_.front();
    if (!r.started) return;
    if (r.commands_open == 0 && !r.sync_sent) {
      // Every command of it answered, and no sync point follows it: a
      // SELECT of a group is done, unless it is the group's last one, to
      // which the sync still to be sent belongs. (A batch paused for the
      // socket waits to send the rest.) Asking libpq now would only get
      // NULL: nothing more of it will come.
      if (r.kind != Request::Kind::statement || &r == group_tail_ || r.commands_closed == 0) {
        return;
      }
      queue_.pop_front();
      settle(r);
      continue;
    }
    if (PQisBusy(c) != 0) return;
    accept_result(r, PQgetResult(c));
  }
}

void PgConnection::accept_result(Request& r, pg_result* raw) {
  PGconn* const c = conn_.get();
  if (raw == nullptr) {
    // The end of one command's results.
    if (r.commands_open > 0) {
      --r.commands_open;
      ++r.commands_closed;
    }
    if (r.kind == Request::Kind::script) {
      // Outside pipeline mode, NULL ends the whole request.
      queue_.pop_front();
      note_transaction_state(r, nullptr);
      complete(r);
    } else if (PQstatus(c) == CONNECTION_BAD) {
      fail_all(PQerrorMessage(c));
    }
    return;
  }
  PgResult result(raw);
  const ExecStatusType status = PQresultStatus(raw);
  // Which command this result answers: a frozen statement's prepare comes
  // first, a batch's prepare too.
  const bool answers_prepare =
      r.commands_closed == 0 && (r.carries_prepare || r.kind == Request::Kind::batch);
  switch (status) {
    case PGRES_PIPELINE_SYNC:
      r.sync_sent = false;
      r.commands_open = 0;
      queue_.pop_front();
      note_transaction_state(r, r.result ? r.result.get() : r.error.get());
      settle(r);
      return;
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      if (answers_prepare) {
        if (r.carries_prepare) prepared_[r.frozen_id] = Prepared::yes;
      } else if (r.kind == Request::Kind::batch) {
        const ExecResult row = pg_exec_result(raw);
        r.totals.rows_affected += row.rows_affected;
        if (row.last_insert_id != 0) r.totals.last_insert_id = row.last_insert_id;
      } else if (r.kind == Request::Kind::statement) {
        r.result = std::move(result);
      }
      return;
    case PGRES_PIPELINE_ABORTED:
      // An earlier command of this request or of its group failed: the
      // server skipped this one. The request's own error is kept; a SELECT
      // skipped for a neighbour's is sent again (settle).
      if (answers_prepare && r.carries_prepare) prepared_[r.frozen_id] = Prepared::no;
      r.aborted = true;
      if (!r.sync_sent && group_tail_ != nullptr) group_aborted_ = true;
      return;
    case PGRES_COPY_IN:
      // COPY FROM STDIN has no data source through execute(): refuse it,
      // which makes the server end the COPY with an error.
      PQputCopyEnd(c, "COPY FROM STDIN is not supported by execute()");
      if (r.failure.empty()) r.failure = "COPY FROM STDIN is not supported by execute()";
      return;
    case PGRES_COPY_OUT:
    case PGRES_COPY_BOTH:
      // Rows would come as COPY data, which this slice does not read.
      fail_all("COPY TO STDOUT is not supported by execute(); the connection was closed");
      return;
    default:  // PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE, PGRES_NONFATAL_ERROR
      if (answers_prepare && r.carries_prepare) prepared_[r.frozen_id] = Prepared::no;
      if (!r.error) r.error = std::move(result);
      // A SELECT of the open group: the server skips the rest of the group
      // until its sync, so the next statement must not join it.
      if (!r.sync_sent && group_tail_ != nullptr) group_aborted_ = true;
      if (PQstatus(c) == CONNECTION_BAD) fail_all(PQresultErrorMessage(r.error.get()));
      return;
  }
}

void PgConnection::complete(Request& r) {
  r.done = true;
  if (r.orphan) {
    const auto it = std::find_if(orphans_.begin(), orphans_.end(),
                                 [&](const auto& o) { return o.get() == &r; });
    if (it != orphans_.end()) orphans_.erase(it);  // destroys r
    return;
  }
  if (r.wakeup) r.wake();
}

void PgConnection::fail_all(const std::string& message) noexcept {
  broken_ = true;
  close_ticket_.reset();
  group_tail_ = nullptr;
  group_size_ = 0;
  group_has_fresh_ = group_aborted_ = false;
  std::deque<Request*> failed;
  failed.swap(queue_);
  unsent_.clear();
  for (Request* r : failed) {
    if (r->failure.empty() && !r->error) r->failure = message.empty() ? "connection lost" : message;
    complete(*r);
  }
  orphans_.clear();
  // libpq closes a broken socket: unregister it now (this also wakes a
  // reader waiting on it), before the number can be reused.
  socket_->release();
}

void PgConnection::abandon(Request& r) noexcept {
  if (reader_ == &r) reader_ = nullptr;
  const auto in_queue = std::find(queue_.begin(), queue_.end(), &r);
  if (in_queue == queue_.end()) return;  // already answered or failed
  const auto in_unsent = std::find(unsent_.begin(), unsent_.end(), &r);
  if (!r.started) {
    queue_.erase(in_queue);
    if (in_unsent != unsent_.end()) unsent_.erase(in_unsent);
  } else {
    // Its answers are on their way: an orphan takes them, and for a batch
    // cut short, aborts it.
    try {
      auto orphan = std::make_unique<Request>(r.kind);
      orphan->frozen_id = r.frozen_id;
      orphan->started = true;
      orphan->carries_prepare = r.carries_prepare;
      orphan->sync_sent = r.sync_sent;
      orphan->read_only = r.read_only;
      orphan->aborted = r.aborted;
      orphan->commands_open = r.commands_open;
      orphan->commands_closed = r.commands_closed;
      orphan->abort_batch = r.kind == Request::Kind::batch && !r.sync_sent;
      orphan->orphan = true;
      *in_queue = orphan.get();
      if (in_unsent != unsent_.end()) *in_unsent = orphan.get();
      if (group_tail_ == &r) group_tail_ = orphan.get();
      orphans_.push_back(std::move(orphan));
    } catch (...) {
      fail_all("out of memory");  // the queue cannot stay consistent
    }
  }
  r.done = true;
  pass_reading_on();
}

// ---------------------------------------------------------------- driving

void PgConnection::drive_blocking(Request& r) {
  PGconn* const c = conn_.get();
  while (!r.done) {
    send_pending();
    close_group();  // nothing else runs while this call blocks: no burst to wait for
    const int pending_output = flush();
    dispatch_results();
    if (r.done || broken_) break;
    if (std::exchange(requeued_, false)) continue;  // send those again before waiting
    pollfd p{PQsocket(c), static_cast<short>(POLLIN | (pending_output == 1 ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, -1) < 0 && errno != EINTR) {
      fail_all(fmt::format("poll() failed: {}", std::strerror(errno)));
      break;
    }
    read_input();
  }
  // An awaiter reading on the event loop may wait for input this call took.
  if (socket_->waiting()) socket_->cancel();
}

Task<void> PgConnection::drive_async(Request& r) {
  while (!r.done) {
    send_pending();
    const int pending_output = flush();
    dispatch_results();
    if (r.done || broken_) co_return;
    // Skipped SELECTs queued again (resend) wait to be sent: send them
    // before waiting, or the answers the wait is for would never come.
    if (std::exchange(requeued_, false)) continue;
    const bool want_write = pending_output == 1;
    co_await socket_->wait(want_write);
    read_input();
  }
}

void PgConnection::pass_reading_on() noexcept {
  if (reader_ != nullptr) return;
  for (Request* r : queue_) {
    if (!r->done && r->wakeup) {
      r->wake();
      return;
    }
  }
}

/// Waits for `r`'s answer: as the reader when no one else reads, else until
/// the reader wakes it (answered, or its turn to read).
Task<void> PgConnection::wait_for_turn(Request& r) {
  struct Reading {
    PgConnection& c;
    Request& r;
    ~Reading() {
      if (c.reader_ == &r) {
        c.reader_ = nullptr;
        c.pass_reading_on();
      }
    }
  };
  while (!r.done) {
    if (reader_ == nullptr) {
      reader_ = &r;
      const Reading reading{*this, r};
      co_await drive_async(r);
    } else {
      const auto park = [&r](auto handler) {
        r.wakeup_executor = asio::get_associated_executor(handler);
        r.wakeup.emplace(std::move(handler));
      };
      co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(park,
                                                                            asio::use_awaitable);
    }
  }
}

// --------------------------------------------------------------- answers

ExecResult PgConnection::finish_statement(Request& r, RowSink* sink) {
  if (r.exception) std::rethrow_exception(r.exception);
  if (r.error) throw_pg_error(r.error.get(), conn_.get(), r.sql);
  if (!r.failure.empty()) throw_pg_connection_error(conn_.get(), r.failure, r.sql);
  if (r.aborted) throw_skipped(r.sql);
  const PGresult* result = r.result.get();
  if (result == nullptr) throw_pg_connection_error(conn_.get(), "no result came", r.sql);
  if (PQresultStatus(result) == PGRES_EMPTY_QUERY) {
    throw UsageError("empty SQL statement: \"" + pg_sql_for_message(r.sql) +
                     "\" holds nothing to run");
  }
  if (sink != nullptr) deliver_rows(result, *sink);
  return pg_exec_result(result);
}

ExecResult PgConnection::finish_batch(Request& r) {
  if (r.exception) std::rethrow_exception(r.exception);
  if (r.error) throw_pg_error(r.error.get(), conn_.get(), r.sql);
  if (!r.failure.empty()) throw_pg_connection_error(conn_.get(), r.failure, r.sql);
  if (r.aborted) throw_skipped(r.sql);
  return r.totals;
}

void PgConnection::finish_script(Request& r) {
  if (r.exception) std::rethrow_exception(r.exception);
  if (r.error) throw_pg_error(r.error.get(), conn_.get(), r.sql);
  if (!r.failure.empty()) throw_pg_connection_error(conn_.get(), r.failure, r.sql);
}

// ------------------------------------------------- COPY and streams

void PgConnection::begin_exclusive(std::string_view sql) {
  PGconn* const c = conn_.get();
  if (exclusive_) {
    throw UsageError(
        "this PostgreSQL connection is already streaming a result or running a bulk load: finish "
        "(or destroy) that first\nin: " +
        pg_sql_for_message(sql));
  }
  if (!queue_.empty()) {
    throw UsageError(
        "a stream or bulk load needs its PostgreSQL connection to itself, but statements are in "
        "flight on it: await them first\nin: " +
        pg_sql_for_message(sql));
  }
  if (broken_ || PQstatus(c) != CONNECTION_OK) {
    throw_pg_connection_error(c, "the connection is broken; open a new one", sql);
  }
  // COPY and single-row reading run outside pipeline mode; the next
  // pipelined request enters it again (send_pending).
  if (PQpipelineStatus(c) != PQ_PIPELINE_OFF && PQexitPipelineMode(c) == 0) {
    throw_pg_connection_error(c, PQerrorMessage(c), sql);
  }
  exclusive_ = true;
}

void PgConnection::wait_blocking(bool want_write) {
  pollfd p{PQsocket(conn_.get()), static_cast<short>(POLLIN | (want_write ? POLLOUT : 0)), 0};
  if (::poll(&p, 1, -1) < 0 && errno != EINTR) {
    fail_all(fmt::format("poll() failed: {}", std::strerror(errno)));
    return;
  }
  read_input();
}

Task<void> PgConnection::wait_async(bool want_write) {
  const auto executor = co_await asio::this_coro::executor;
  const int fd = PQsocket(conn_.get());
  if (!socket_->bound_to(executor, fd)) socket_->bind(executor, fd);
  co_await socket_->wait(want_write);
  read_input();
}

// ------------------------------------------------------------ the calls

ExecResult PgConnection::execute(const Statement& stmt, RowSink* sink) {
  Request r(Request::Kind::statement);
  r.sql = stmt.sql;
  r.params = stmt.params;
  r.frozen_id = stmt.frozen_id;
  r.read_only = stmt.read_only;
  {
    const Enlistment enlisted(*this, r);
    enqueue(r);
    drive_blocking(r);
  }
  return finish_statement(r, sink);
}

ExecResult PgConnection::execute_batch(std::string_view sql, BatchSource& batch) {
  Request r(Request::Kind::batch);
  r.sql = sql;
  r.batch = &batch;
  r.batch_rows = batch.size();
  if (r.batch_rows == 0) return {};
  {
    const Enlistment enlisted(*this, r);
    enqueue(r);
    drive_blocking(r);
  }
  return finish_batch(r);
}

void PgConnection::execute_script(std::string_view sql) {
  check_sql_text(sql);
  Request r(Request::Kind::script);
  r.sql = sql;
  {
    const Enlistment enlisted(*this, r);
    enqueue(r);
    drive_blocking(r);
  }
  finish_script(r);
}

namespace {

/// The executor the awaiter runs on, which the socket must wait on.
void bind_socket(PgSocket& socket, const asio::any_io_executor& executor, PGconn* conn,
                 bool in_flight) {
  const int fd = PQsocket(conn);
  if (socket.bound_to(executor, fd)) return;
  if (in_flight) {
    throw UsageError(
        "a PostgreSQL connection serves one executor at a time: this query comes from another "
        "executor while queries are in flight; await them first (or use a strand)");
  }
  socket.bind(executor, fd);
}

}  // namespace

Task<ExecResult> PgConnection::execute_async(const Statement& stmt, RowSink* sink) {
  const auto executor = co_await asio::this_coro::executor;
  bind_socket(*socket_, executor, conn_.get(), !queue_.empty());
  Request r(Request::Kind::statement);
  r.sql = stmt.sql;
  r.params = stmt.params;
  r.frozen_id = stmt.frozen_id;
  r.read_only = stmt.read_only;
  {
    const Enlistment enlisted(*this, r);
    enqueue(r);
    co_await wait_for_turn(r);
  }
  co_return finish_statement(r, sink);
}

Task<ExecResult> PgConnection::execute_batch_async(std::string_view sql, BatchSource& batch) {
  const auto executor = co_await asio::this_coro::executor;
  bind_socket(*socket_, executor, conn_.get(), !queue_.empty());
  Request r(Request::Kind::batch);
  r.sql = sql;
  r.batch = &batch;
  r.batch_rows = batch.size();
  if (r.batch_rows == 0) co_return ExecResult{};
  {
    const Enlistment enlisted(*this, r);
    enqueue(r);
    co_await wait_for_turn(r);
  }
  co_return finish_batch(r);
}

Task<void> PgConnection::execute_script_async(std::string_view sql) {
  const auto executor = co_await asio::this_coro::executor;
  bind_socket(*socket_, executor, conn_.get(), !queue_.empty());
  check_sql_text(sql);
  Request r(Request::Kind::script);
  r.sql = sql;
  {
    const Enlistment enlisted(*this, r);
    enqueue(r);
    co_await wait_for_turn(r);
  }
  finish_script(r);
}

Task<void> PgConnection::wait_for_input() {
  const auto executor = co_await asio::this_coro::executor;
  if (!queue_.empty()) {
    throw UsageError("wait_for_input() while statements are in flight on the connection");
  }
  if (!healthy()) {
    throw_pg_connection_error(conn_.get(), "the connection is broken; open a new one", {});
  }
  bind_socket(*socket_, executor, conn_.get(), false);
  co_await socket_->wait(false);
  if (!read_input() || !healthy()) {
    throw_pg_connection_error(conn_.get(), "the connection was lost while waiting", {});
  }
}

void PgConnection::cancel_wait() noexcept {
  if (socket_->waiting()) socket_->cancel();
}

// PostgreSQL's awaitable calls above never block, so nothing here needs a
// thread of its own: `work` runs inline on the awaiter's executor. (A
// worker thread would only add a hand-off, and PGconn is not thread-safe:
// `work` may use this connection, which must stay on one thread at a time.)
Task<void> PgConnection::run_async(std::function<void()> work) {
  work();
  co_return;
}

}  // namespace quarry::detail
