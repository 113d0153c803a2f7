// The SQLite backend: opening a database with Quarry's settings, running
// statements through a cache of prepared statements, reading rows without
// copying, mapping SQLite errors onto Quarry's exceptions, and running
// blocking work on one worker thread per connection for run_async.
#include "driver/sqlite/sqlite_connection.hpp"

#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <new>
#include <optional>
#include <thread>
#include <utility>

namespace quarry::detail {

namespace {

/// Frozen ids beyond this use the text cache: the id table is a plain
/// vector, and a stray huge id must not make it huge.
constexpr std::uint32_t max_frozen_id = 1u << 16;

/// SQL longer than this is cut in messages (the full text stays in sql()).
constexpr std::size_t max_sql_in_message = 1000;

std::string sql_for_message(std::string_view sql) {
  if (sql.size() <= max_sql_in_message) return std::string(sql);
  return std::string(sql.substr(0, max_sql_in_message)) + "...";
}

/// The result codes of sqlite3.h as numbers (stable across versions, and
/// usable when building against an older sqlite3.h), sorted for lookup.
struct CodeName {
  int code;
  const char* name;
};
constexpr CodeName code_names[] = {
    // Generated from sqlite3.h 3.40.1.
    {1, "SQLITE_ERROR"},
    {2, "SQLITE_INTERNAL"},
    {3, "SQLITE_PERM"},
    {4, "SQLITE_ABORT"},
    {5, "SQLITE_BUSY"},
    {6, "SQLITE_LOCKED"},
    {7, "SQLITE_NOMEM"},
    {8, "SQLITE_READONLY"},
    {9, "SQLITE_INTERRUPT"},
    {10, "SQLITE_IOERR"},
    {11, "SQLITE_CORRUPT"},
    {12, "SQLITE_NOTFOUND"},
    {13, "SQLITE_FULL"},
    {14, "SQLITE_CANTOPEN"},
    {15, "SQLITE_PROTOCOL"},
    {16, "SQLITE_EMPTY"},
    {17, "SQLITE_SCHEMA"},
    {18, "SQLITE_TOOBIG"},
    {19, "SQLITE_CONSTRAINT"},
    {20, "SQLITE_MISMATCH"},
    {21, "SQLITE_MISUSE"},
    {22, "SQLITE_NOLFS"},
    {23, "SQLITE_AUTH"},
    {24, "SQLITE_FORMAT"},
    {25, "SQLITE_RANGE"},
    {26, "SQLITE_NOTADB"},
    {257, "SQLITE_ERROR_MISSING_COLLSEQ"},
    {261, "SQLITE_BUSY_RECOVERY"},
    {262, "SQLITE_LOCKED_SHAREDCACHE"},
    {264, "SQLITE_READONLY_RECOVERY"},
    {266, "SQLITE_IOERR_READ"},
    {267, "SQLITE_CORRUPT_VTAB"},
    {270, "SQLITE_CANTOPEN_NOTEMPDIR"},
    {275, "SQLITE_CONSTRAINT_CHECK"},
    {279, "SQLITE_AUTH_USER"},
    {513, "SQLITE_ERROR_RETRY"},
    {516, "SQLITE_ABORT_ROLLBACK"},
    {517, "SQLITE_BUSY_SNAPSHOT"},
    {518, "SQLITE_LOCKED_VTAB"},
    {520, "SQLITE_READONLY_CANTLOCK"},
    {522, "SQLITE_IOERR_SHORT_READ"},
    {523, "SQLITE_CORRUPT_SEQUENCE"},
    {526, "SQLITE_CANTOPEN_ISDIR"},
    {531, "SQLITE_CONSTRAINT_COMMITHOOK"},
    {769, "SQLITE_ERROR_SNAPSHOT"},
    {773, "SQLITE_BUSY_TIMEOUT"},
    {776, "SQLITE_READONLY_ROLLBACK"},
    {778, "SQLITE_IOERR_WRITE"},
    {779, "SQLITE_CORRUPT_INDEX"},
    {782, "SQLITE_CANTOPEN_FULLPATH"},
    {787, "SQLITE_CONSTRAINT_FOREIGNKEY"},
    {1032, "SQLITE_READONLY_DBMOVED"},
    {1034, "SQLITE_IOERR_FSYNC"},
    {1038, "SQLITE_CANTOPEN_CONVPATH"},
    {1043, "SQLITE_CONSTRAINT_FUNCTION"},
    {1288, "SQLITE_READONLY_CANTINIT"},
    {1290, "SQLITE_IOERR_DIR_FSYNC"},
    {1294, "SQLITE_CANTOPEN_DIRTYWAL"},
    {1299, "SQLITE_CONSTRAINT_NOTNULL"},
    {1544, "SQLITE_READONLY_DIRECTORY"},
    {1546, "SQLITE_IOERR_TRUNCATE"},
    {1550, "SQLITE_CANTOPEN_SYMLINK"},
    {1555, "SQLITE_CONSTRAINT_PRIMARYKEY"},
    {1802, "SQLITE_IOERR_FSTAT"},
    {1811, "SQLITE_CONSTRAINT_TRIGGER"},
    {2058, "SQLITE_IOERR_UNLOCK"},
    {2067, "SQLITE_CONSTRAINT_UNIQUE"},
    {2314, "SQLITE_IOERR_RDLOCK"},
    {2323, "SQLITE_CONSTRAINT_VTAB"},
    {2570, "SQLITE_IOERR_DELETE"},
    {2579, "SQLITE_CONSTRAINT_ROWID"},
    {2826, "SQLITE_IOERR_BLOCKED"},
    {2835, "SQLITE_CONSTRAINT_PINNED"},
    {3082, "SQLITE_IOERR_NOMEM"},
    {3091, "SQLITE_CONSTRAINT_DATATYPE"},
    {3338, "SQLITE_IOERR_ACCESS"},
    {3594, "SQLITE_IOERR_CHECKRESERVEDLOCK"},
    {3850, "SQLITE_IOERR_LOCK"},
    {4106, "SQLITE_IOERR_CLOSE"},
    {4362, "SQLITE_IOERR_DIR_CLOSE"},
    {4618, "SQLITE_IOERR_SHMOPEN"},
    {4874, "SQLITE_IOERR_SHMSIZE"},
    {5130, "SQLITE_IOERR_SHMLOCK"},
    {5386, "SQLITE_IOERR_SHMMAP"},
    {5642, "SQLITE_IOERR_SEEK"},
    {5898, "SQLITE_IOERR_DELETE_NOENT"},
    {6154, "SQLITE_IOERR_MMAP"},
    {6410, "SQLITE_IOERR_GETTEMPPATH"},
    {6666, "SQLITE_IOERR_CONVPATH"},
    {6922, "SQLITE_IOERR_VNODE"},
    {7178, "SQLITE_IOERR_AUTH"},
    {7434, "SQLITE_IOERR_BEGIN_ATOMIC"},
    {7690, "SQLITE_IOERR_COMMIT_ATOMIC"},
    {7946, "SQLITE_IOERR_ROLLBACK_ATOMIC"},
    {8202, "SQLITE_IOERR_DATA"},
    {8458, "SQLITE_IOERR_CORRUPTFS"},
};

/// True when [p, end) holds only whitespace, ';' and comments: what may
/// follow the one statement that execute() runs.
bool only_trivia(const char* p, const char* end) noexcept {
  while (p < end) {
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v' ||
        *p == ';') {
      ++p;
    } else if (*p == '-' && p + 1 < end && p[1] == '-') {
      while (p < end && *p != '\n') ++p;
    } else if (*p == '/' && p + 1 < end && p[1] == '*') {
      p += 2;
      while (p + 1 < end && !(p[0] == '*' && p[1] == '/')) ++p;
      p = p + 1 < end ? p + 2 : end;  // SQLite also accepts an unterminated comment
    } else {
      return false;
    }
  }
  return true;
}

int param_slot(std::size_t index) noexcept {
  return index < INT_MAX ? static_cast<int>(index) + 1 : INT_MAX;  // INT_MAX fails as RANGE
}

// Text and blobs are bound with SQLITE_STATIC (see SqliteParamWriter).
int bind_text_static(sqlite3_stmt* stmt, int slot, std::string_view v) noexcept {
  // A null data pointer would bind NULL, not '' (a default string_view has one).
  const char* p = v.data() != nullptr ? v.data() : "";
  return sqlite3_bind_text64(stmt, slot, p, v.size(), SQLITE_STATIC, SQLITE_UTF8);
}
int bind_blob_static(sqlite3_stmt* stmt, int slot, std::span<const std::byte> v) noexcept {
  // Likewise an empty blob: bind a zero-length blob, never a null pointer.
  return v.data() != nullptr ? sqlite3_bind_blob64(stmt, slot, v.data(), v.size(), SQLITE_STATIC)
                             : sqlite3_bind_zeroblob(stmt, slot, 0);
}

/// The error for a failed sqlite3_bind_* of parameter `index`.
[[noreturn, gnu::cold]] void throw_bind_error(sqlite3_stmt* stmt, int rc, std::size_t index,
                                              std::string_view sql) {
  if (rc == SQLITE_RANGE) {
    throw UsageError(
        fmt::format("parameter index {} is out of range: the statement takes {} parameters\nin: {}",
                    index, sqlite3_bind_parameter_count(stmt), sql_for_message(sql)));
  }
  throw QueryError(fmt::format("SQLite error: cannot bind parameter {}: {} ({})\nin: {}", index,
                               sqlite3_errstr(rc), sqlite_code_name(rc), sql_for_message(sql)),
                   std::string(sql), sqlite_code_name(rc));
}

/// Binds parameters of a prepared statement. Text and blobs are bound with
/// SQLITE_STATIC, i.e. not copied by SQLite: ParamWriter's contract makes the
/// caller keep them alive until the execution ends, and the statement's
/// bindings are cleared right after it, so SQLite never holds a dangling
/// pointer. bind_text_copy copies into the writer's own buffer for that
/// parameter, which lives as long as the writer (the whole execution, or the
/// whole batch) and is reused row after row: SQLITE_TRANSIENT would make
/// SQLite malloc a copy, under its global allocator mutex, per row.
class SqliteParamWriter final : public ParamWriter {
 public:
  SqliteParamWriter(sqlite3_stmt* stmt, std::string_view sql) noexcept : stmt_(stmt), sql_(sql) {}

  void bind_null(std::size_t index) final {
    check(sqlite3_bind_null(stmt_, slot(index)), index);
    note_bound(index);
  }
  void bind_int64(std::size_t index, std::int64_t v) final {
    check(sqlite3_bind_int64(stmt_, slot(index), v), index);
    note_bound(index);
  }
  void bind_double(std::size_t index, double v) final {
    check(sqlite3_bind_double(stmt_, slot(index), v), index);
    note_bound(index);
  }
  void bind_text(std::size_t index, std::string_view v) final {
    check(bind_text_static(stmt_, slot(index), v), index);
    bound_pointer_ = true;
    note_bound(index);
  }
  void bind_text_copy(std::size_t index, std::string_view v) final {
    if (index >= copies_.size()) {
      // Range first: a stray huge index must fail as such, not allocate.
      const auto count = static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt_));
      if (index >= count) check(SQLITE_RANGE, index);
      // Once, to every parameter: growing later would move the strings
      // already bound (a short string's bytes live inside the object).
      copies_.resize(count);
    }
    std::string& copy = copies_[index];
    // Row after row the text usually has the same length (a timestamp's):
    // then a plain copy, not assign()'s general replace.
    if (copy.size() == v.size()) {
      if (!v.empty()) std::memcpy(copy.data(), v.data(), v.size());
    } else {
      copy.assign(v.data(), v.size());  // data() is never null: '' binds as text, not NULL
    }
    check(sqlite3_bind_text64(stmt_, slot(index), copy.data(), copy.size(), SQLITE_STATIC,
                              SQLITE_UTF8),
          index);
    bound_pointer_ = true;
    note_bound(index);
  }
  void bind_blob(std::size_t index, std::span<const std::byte> v) final {
    check(bind_blob_static(stmt_, slot(index), v), index);
    bound_pointer_ = true;
    note_bound(index);
  }

  /// Whether SQLite holds a pointer into the caller's (or this writer's)
  /// memory, which must be cleared before that memory goes (numbers need no
  /// clearing).
  bool bound_pointer() const noexcept { return bound_pointer_; }

  /// Starts a batch row: forgets which parameters were bound.
  void start_row() noexcept { bound_mask_ = 0; }
  /// Binds NULL to each of the statement's `count` parameters that was not
  /// bound since start_row(), as if the bindings had been cleared before the
  /// row: then they need no sqlite3_clear_bindings between rows. Returns
  /// false, binding nothing, past 64 parameters (more than the mask tracks):
  /// the caller clears them instead.
  bool null_unbound(std::size_t count) {
    if (count > 64) return false;
    const std::uint64_t all = count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1;
    for (std::uint64_t missing = all & ~bound_mask_; missing != 0; missing &= missing - 1) {
      bind_null(static_cast<std::size_t>(std::countr_zero(missing)));
    }
    return true;
  }

 private:
  void note_bound(std::size_t index) noexcept {
    if (index < 64) bound_mask_ |= std::uint64_t{1} << index;
  }

  static int slot(std::size_t index) noexcept { return param_slot(index); }

  void check(int rc, std::size_t index) const {
    if (rc != SQLITE_OK) [[unlikely]]
      throw_bind_error(stmt_, rc, index, sql_);
  }

  sqlite3_stmt* stmt_;
  std::string_view sql_;
  bool bound_pointer_ = false;
  std::uint64_t bound_mask_ = 0;     // bit i: parameter index i bound this row
  std::vector<std::string> copies_;  // bind_text_copy's text, by parameter index
};

/// Binds a statement's values in one pass: execute()'s and a stream's
/// binding, without a ParamWriter (whose bookkeeping serves batch rows).
/// Returns whether a binding points into the values' memory, so must be
/// cleared after the run (numbers need no clearing).
[[gnu::always_inline]] inline bool bind_values(sqlite3_stmt* stmt, std::span<const Value> params,
                                               std::string_view sql) {
  bool pointer = false;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const Value& v = params[i];
    const int slot = param_slot(i);
    int rc = SQLITE_OK;
    switch (v.type()) {
      case StorageType::null:
        rc = sqlite3_bind_null(stmt, slot);
        break;
      case StorageType::integer:
        rc = sqlite3_bind_int64(stmt, slot, v.as_int64());
        break;
      case StorageType::real:
        rc = sqlite3_bind_double(stmt, slot, v.as_double());
        break;
      case StorageType::text:
        rc = bind_text_static(stmt, slot, v.as_text());
        pointer = true;
        break;
      case StorageType::blob:
        rc = bind_blob_static(stmt, slot, v.as_blob());
        pointer = true;
        break;
    }
    if (rc != SQLITE_OK) [[unlikely]]
      throw_bind_error(stmt, rc, i, sql);
  }
  return pointer;
}

/// "band.name, band.x" -> table "band", columns "name, x". SQLite writes
/// table.column with no quoting, so a table name holding '.' is split wrongly;
/// such names are rare enough to accept that.
ConstraintError::Details parse_columns(std::string_view list) {
  ConstraintError::Details d;
  if (list.rfind("index '", 0) == 0 && list.size() > 8 && list.back() == '\'') {
    d.constraint = std::string(list.substr(7, list.size() - 8));  // an index on expressions
    return d;
  }
  while (!list.empty()) {
    const std::size_t comma = list.find(", ");
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 2);
    if (const std::size_t dot = item.find('.'); dot != std::string_view::npos) {
      if (d.table.empty()) d.table = std::string(item.substr(0, dot));
      item.remove_prefix(dot + 1);
    }
    if (!d.column.empty()) d.column += ", ";
    d.column += item;
  }
  return d;
}

/// `"band"."name"` or `"band"."a", "band"."b"` for a message.
std::string describe_columns(const ConstraintError::Details& d) {
  if (!d.constraint.empty() && d.column.empty()) return "index \"" + d.constraint + "\"";
  std::string out;
  std::string_view cols = d.column;
  while (!cols.empty()) {
    const std::size_t comma = cols.find(", ");
    if (!out.empty()) out += ", ";
    if (!d.table.empty()) out += "\"" + d.table + "\".";
    out += "\"" + std::string(cols.substr(0, comma)) + "\"";
    cols = comma == std::string_view::npos ? std::string_view{} : cols.substr(comma + 2);
  }
  return out;
}

std::string_view after_prefix(std::string_view s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0 ? s.substr(prefix.size()) : std::string_view{};
}

bool file_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

}  // namespace

/// Reads the rows of a stepping statement: load() copies the current row's
/// storage classes, numbers and byte pointers into cells, one
/// sqlite3_column_value per column (each sqlite3_column_* call checks the
/// statement and the malloc state again; the value calls do not).
///
/// SQLite documents the values sqlite3_column_value returns as "unprotected",
/// which matters only for the connection's mutex: Quarry opens connections
/// with SQLITE_OPEN_NOMUTEX and uses each from one thread at a time, so there
/// is no mutex to hold. Text and blob pointers stay valid until the next step.
class SqliteRowReader final : public RowReader {
 public:
  explicit SqliteRowReader(sqlite3_stmt* stmt) : stmt_(stmt) { start(); }
  SqliteRowReader(const SqliteRowReader&) = delete;  // cells_ points into this object
  SqliteRowReader& operator=(const SqliteRowReader&) = delete;

  /// Starts a result (again): counts its columns and restarts the row
  /// numbers. Called after the statement's first step: a statement whose
  /// schema changed is prepared again inside sqlite3_step, and may have
  /// other columns then (SELECT * after ALTER TABLE ADD COLUMN).
  void start() {
    count_ = static_cast<std::size_t>(sqlite3_column_count(stmt_));
    row_ = 0;
    // Cells live in the reader itself for the usual few columns: a point
    // query then allocates nothing for them.
    if (count_ > inline_cells) {
      if (count_ > heap_size_) {
        heap_ = std::make_unique<Cell[]>(count_);
        heap_size_ = count_;
      }
      storage_ = heap_.get();
    } else {
      // Not value-initialised: load() writes a cell's storage class and its
      // payload before any row is handed out. Cell is an aggregate, so an
      // implicit-lifetime type: the byte array provides the objects.
      storage_ = std::launder(reinterpret_cast<Cell*>(inline_));
    }
    cells_ = std::span<const Cell>(storage_, count_);
  }
  std::string_view column_name(std::size_t i) const final {
    if (i >= count_) {
      throw UsageError(
          fmt::format("column index {} is out of range: the result has {} columns", i, count_));
    }
    const char* name = sqlite3_column_name(stmt_, static_cast<int>(i));
    if (name == nullptr) throw std::bad_alloc();  // SQLite's only reason for NULL here
    return name;
  }

  /// Loads the current row's cells. The first inline_cells columns each get
  /// a storage-class switch of their own (load_cell is inlined once per
  /// column), so that the branch predictor sees one steady pattern per column
  /// (column 2 is always REAL...) instead of one branch cycling through every
  /// column's class: with a single shared switch, about one branch per cell
  /// was mispredicted. Wider results load their further columns in a loop.
  [[gnu::always_inline]] void load() {
    load_first(std::make_index_sequence<inline_cells>{});
    for (std::size_t i = inline_cells; i < count_; ++i) load_cell(i);
  }

  void next_row() noexcept { ++row_; }

 private:
  template <std::size_t... I>
  void load_first(std::index_sequence<I...>) {
    // Left to right, stopping at the result's width.
    (void)((I < count_ ? (load_cell(I), true) : false) && ...);
  }

  [[gnu::always_inline]] inline void load_cell(std::size_t i) {
    sqlite3_value* v = sqlite3_column_value(stmt_, static_cast<int>(i));
    Cell& c = storage_[i];
    switch (sqlite3_value_type(v)) {
      case SQLITE_INTEGER:
        c.type = StorageType::integer;
        c.integer = sqlite3_value_int64(v);
        break;
      case SQLITE_FLOAT:
        c.type = StorageType::real;
        c.real = sqlite3_value_double(v);
        break;
      case SQLITE_TEXT:
        c.type = StorageType::text;
        // Pointer first, then length: the length is of the UTF-8 form.
        c.data = reinterpret_cast<const char*>(sqlite3_value_text(v));
        if (c.data == nullptr) throw std::bad_alloc();  // the conversion's only failure
        c.size = static_cast<std::size_t>(sqlite3_value_bytes(v));
        break;
      case SQLITE_BLOB:
        c.type = StorageType::blob;
        c.data = static_cast<const char*>(sqlite3_value_blob(v));  // NULL when empty
        c.size = static_cast<std::size_t>(sqlite3_value_bytes(v));
        break;
      default:
        c.type = StorageType::null;
        break;
    }
  }

  static constexpr std::size_t inline_cells = 8;
  static_assert(std::is_trivially_destructible_v<Cell>, "inline_ never destroys its cells");

  sqlite3_stmt* stmt_;
  std::size_t count_ = 0;
  Cell* storage_ = nullptr;
  alignas(Cell) unsigned char inline_[inline_cells * sizeof(Cell)];  // Cells, trivially destroyed
  std::unique_ptr<Cell[]> heap_;  // when there are more columns than inline_ holds
  std::size_t heap_size_ = 0;
};

std::string sqlite_code_name(int code) {
  const auto* it = std::lower_bound(std::begin(code_names), std::end(code_names), code,
                                    [](const CodeName& c, int v) { return c.code < v; });
  if (it != std::end(code_names) && it->code == code) return it->name;
  return std::to_string(code);
}

// ------------------------------------------------------------- the worker

/// One thread that runs this connection's blocking work in order, so that
/// run_async never blocks the event loop. On destruction it finishes the
/// jobs already queued (their awaiters are waiting for them), then joins.
/// A unit of work for the worker thread.
struct SqliteJob {
  virtual ~SqliteJob() = default;
  virtual void run() noexcept = 0;
};

class SqliteConnection::Worker {
 public:
  Worker() : thread_([this] { loop(); }) {}
  ~Worker() {
    // A connection must not be destroyed by its own work: joining this thread
    // from itself would deadlock.
    assert(std::this_thread::get_id() != thread_.get_id());
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void post(std::unique_ptr<SqliteJob> job) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
  }

 private:
  void loop() {
    for (;;) {
      std::unique_ptr<SqliteJob> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // stopping, and nothing left to run
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job->run();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<SqliteJob>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

namespace {

namespace asio = boost::asio;

/// The job behind one run_async: runs `work` on the worker thread, then
/// posts the completion (with any exception) to the awaiter's executor.
///
/// Correctness: `executor_` is the awaiter's executor with outstanding work
/// tracked, so io_context::run() cannot return while the job is in flight
/// (nothing else would keep it busy: the coroutine is suspended). It is
/// released only after the completion is posted, which counts as work itself.
template <class Handler>
class CompletionJob final : public SqliteJob {
 public:
  CompletionJob(Handler handler, std::function<void()> work)
      : work_(std::move(work)),
        executor_(asio::prefer(asio::get_associated_executor(handler),
                               asio::execution::outstanding_work.tracked)),
        handler_(std::move(handler)) {}

  void run() noexcept final {
    std::exception_ptr error;
    try {
      work_();
    } catch (...) {
      error = std::current_exception();
    }
    work_ = nullptr;  // release what `work` captured before the awaiter resumes
    asio::post(executor_,
               [handler = std::move(handler_), error]() mutable { std::move(handler)(error); });
  }

 private:
  std::function<void()> work_;
  decltype(asio::prefer(std::declval<asio::associated_executor_t<Handler>>(),
                        asio::execution::outstanding_work.tracked)) executor_;
  Handler handler_;
};

}  // namespace

// ---------------------------------------------------------- the statement

/// Scope of one use of a prepared statement: afterwards a cached statement
/// is reset (so it is reusable and holds no read transaction open) and its
/// bindings cleared (so it keeps no pointer to the caller's text), whether
/// the use ended normally or by an exception from a sink; a one-off
/// statement is finalized.
class SqliteConnection::StatementUse {
 public:
  StatementUse(sqlite3_stmt* stmt, bool owned) noexcept : stmt_(stmt), owned_(owned) {}
  ~StatementUse() {
    if (owned_) {
      sqlite3_finalize(stmt_);
      return;
    }
    sqlite3_reset(stmt_);
    if (clear_bindings) sqlite3_clear_bindings(stmt_);
    if (running != nullptr) *running = false;
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;

  /// Optimisation only: false when no binding points into caller memory
  /// (numbers only), since every execute() rebinds all parameters anyway.
  bool clear_bindings = true;
  /// A frozen statement's FrozenStatement::running, cleared with the reset.
  bool* running = nullptr;

 private:
  sqlite3_stmt* stmt_;
  bool owned_;
};

void SqliteConnection::CloseDb::operator()(sqlite3* db) const noexcept {
  sqlite3_close_v2(db);  // v2: a stray statement delays the close instead of leaking it
}

// ---------------------------------------------------------------- opening

namespace {

[[noreturn]] void throw_open_error(const std::string& path, const std::string& reason) {
  throw ConnectionError("cannot open SQLite database \"" + path + "\": " + reason);
}

/// Checks what SQLite would report only as "unable to open database file".
void check_path_before_open(const std::string& path, std::string_view mode) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const fs::path dir = file.parent_path();
  std::error_code ec;
  if (!dir.empty()) {
    const fs::file_status st = fs::status(dir, ec);
    if (st.type() == fs::file_type::not_found) {
      throw_open_error(path, "directory \"" + dir.string() + "\" does not exist");
    }
    if (!ec && st.type() != fs::file_type::directory) {
      throw_open_error(path, "\"" + dir.string() + "\" is not a directory");
    }
  }
  if (fs::is_directory(file, ec)) {
    throw_open_error(path, "it is a directory, not a database file");
  }
  if (mode != "rwc" && !file_exists(file)) {
    throw_open_error(path, "the file does not exist (mode=" + std::string(mode) +
                               " does not create it; leave mode out or use mode=rwc to create it)");
  }
}

std::string open_failure_reason(sqlite3* db, int rc) {
  const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
  if ((rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_PERM ||
      (rc & 0xff) == SQLITE_READONLY) {
    if (sys == EACCES || sys == EPERM) return "permission denied";
    if (sys == EROFS) return "the file system is read-only";
    if (sys == EISDIR) return "it is a directory, not a database file";
  }
  std::string reason = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  reason += " (" + sqlite_code_name(rc) + ")";
  if (sys != 0) reason += fmt::format(" [{}]", std::strerror(sys));
  return reason;
}

}  // namespace

SqliteConnection::SqliteConnection(const DatabaseUrl& url)
    : dialect_(&sql::sqlite_dialect()), path_(url.path) {
  if (url.scheme != "sqlite") {
    throw UsageError("SqliteConnection needs a sqlite:// URL, not \"" + url.scheme + "://\"");
  }
  const auto option = [&](const char* key, std::string_view fallback) -> std::string_view {
    const auto it = url.query.find(key);
    return it == url.query.end() ? fallback : std::string_view(it->second);
  };
  const std::string_view mode = option("mode", "rwc");
  const bool read_only = mode == "ro";
  const bool memory = url.in_memory();
  const std::string_view timeout = option("busy_timeout", "5000");
  int timeout_ms = 0;
  for (char c : timeout) timeout_ms = timeout_ms * 10 + (c - '0');  // validated by the URL parser

  if (!memory) check_path_before_open(path_, mode);

  int flags = SQLITE_OPEN_NOMUTEX;
  if (read_only)
    flags |= SQLITE_OPEN_READONLY;
  else if (mode == "rw")
    flags |= SQLITE_OPEN_READWRITE;
  else
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
  db_.reset(raw);  // owned from here: SQLite may hand back a handle even on failure
  if (rc != SQLITE_OK) throw_open_error(path_, open_failure_reason(raw, rc));

  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, timeout_ms);

  const auto run = [&](const char* sql) {
    char* message = nullptr;
    const int code = sqlite3_exec(raw, sql, nullptr, nullptr, &message);
    if (code == SQLITE_OK) return;
    const std::string text = message != nullptr ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    const int primary = code & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
      throw ConnectionError("\"" + path_ +
                            "\" is not a SQLite database or is corrupt (SQLite: " + text + ")");
    }
    throw_open_error(path_,
                     std::string(sql) + " failed: " + text + " (" + sqlite_code_name(code) + ")");
  };
  // Reading the schema touches the file header and sqlite_master, so a file
  // that is not a database fails here, naming the file, and not later inside
  // some unrelated query.
  run("SELECT count(*) FROM sqlite_master");
  if (option("foreign_keys", "on") == "on") run("PRAGMA foreign_keys=ON");
  // LIKE is case-insensitive by default in SQLite; make it match PostgreSQL so
  // that the dialect can express ilike as lower(a) LIKE lower(b).
  run("PRAGMA case_sensitive_like=ON");
  if (!memory && !read_only) {
    // WAL lets readers proceed during a write; NORMAL is durable in WAL mode
    // except for the last transactions before a power loss.
    run("PRAGMA journal_mode=WAL");
    run("PRAGMA synchronous=NORMAL");
  }
}

SqliteConnection::~SqliteConnection() {
  worker_.reset();  // first: queued jobs may still use the handle
  for (auto& entry : by_sql_) sqlite3_finalize(entry.second);
  by_frozen_id_.clear();  // each finalizes its statement
}

const sql::Dialect& SqliteConnection::dialect() const noexcept {
  return *dialect_;
}

// ---------------------------------------------------------------- errors

void SqliteConnection::note_failure(int rc) noexcept {
  const int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR) {
    healthy_ = false;
  }
}

void SqliteConnection::throw_error(int rc, std::string_view sql) {
  // Prefer the handle's extended code when it refines the one returned.
  const int extended = sqlite3_extended_errcode(db_.get());
  if ((extended & 0xff) == (rc & 0xff)) rc = extended;
  throw_error(rc, sqlite3_errmsg(db_.get()), sql);
}

void SqliteConnection::throw_error(int rc, const char* message, std::string_view sql_text) {
  note_failure(rc);
  const std::string code = sqlite_code_name(rc);
  const std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  const std::string in = "\nin: " + sql_for_message(sql_text);
  std::string sql(sql_text);

  if ((rc & 0xff) == SQLITE_CONSTRAINT) {
    const std::string sqlite_says = " (SQLite: " + text + ")" + in;
    switch (rc) {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY: {
        auto d = parse_columns(after_prefix(text, "UNIQUE constraint failed: "));
        std::string msg = "unique constraint violated on " + describe_columns(d) + sqlite_says;
        throw UniqueViolation(msg, std::move(sql), code, std::move(d));
      }
      case SQLITE_CONSTRAINT_NOTNULL: {
        auto d = parse_columns(after_prefix(text, "NOT NULL constraint failed: "));
        std::string msg = "not-null constraint violated on " + describe_columns(d) + sqlite_says;
        throw NotNullViolation(msg, std::move(sql), code, std::move(d));
      }
      case SQLITE_CONSTRAINT_CHECK: {
        ConstraintError::Details d;
        d.constraint = std::string(after_prefix(text, "CHECK constraint failed: "));
        std::string msg = "check constraint \"" + d.constraint + "\" violated" + sqlite_says;
        throw CheckViolation(msg, std::move(sql), code, std::move(d));
      }
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        // SQLite does not say which key; the query layer may know and enrich.
        throw ForeignKeyViolation("foreign key constraint violated" + sqlite_says, std::move(sql),
                                  code, {});
      case SQLITE_CONSTRAINT_TRIGGER:
        // An ON DELETE/UPDATE RESTRICT action fails at once, through SQLite's
        // internal trigger machinery: the code says "trigger", the message
        // says what it is. A user's RAISE(ABORT, ...) keeps its own message.
        if (text == "FOREIGN KEY constraint failed") {
          throw ForeignKeyViolation("foreign key constraint violated" + sqlite_says, std::move(sql),
                                    code, {});
        }
        [[fallthrough]];
      default:
        throw ConstraintError("SQLite error: " + text + " (" + code + ")" + in, std::move(sql),
                              code, {});
    }
  }
  throw QueryError("SQLite error: " + text + " (" + code + ")" + in, std::move(sql), code);
}

// ------------------------------------------------------- statement cache

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql, bool persistent) {
  if (sql.size() >= INT_MAX) throw UsageError("SQL statement too long for SQLite (2 GB or more)");
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail);
  if (rc != SQLITE_OK) throw_error(rc, sql);  // stmt is null on failure
  if (stmt == nullptr) {
    throw UsageError("empty SQL statement: \"" + sql_for_message(sql) + "\" holds nothing to run");
  }
  if (tail != nullptr && !only_trivia(tail, sql.data() + sql.size())) {
    sqlite3_finalize(stmt);
    throw UsageError(
        "execute() runs one statement, but this SQL holds more after the first; "
        "use execute_script() for several\nin: " +
        sql_for_message(sql));
  }
  return stmt;
}

// Invariant: a statement in the caches is either idle (reset) or is being
// stepped by an execute() further up this thread's stack (a sink that runs
// another query on the same connection). A busy statement is never handed
// out a second time nor evicted; a one-off statement is prepared instead.
sqlite3_stmt* SqliteConnection::acquire(std::string_view sql, bool& owned) {
  owned = false;
  if (const auto it = by_sql_.find(sql); it != by_sql_.end()) {
    if (!sqlite3_stmt_busy(it->second)) return it->second;
    owned = true;
    return prepare(sql, false);
  }
  sqlite3_stmt* s = prepare(sql, true);
  if (by_sql_.size() >= statement_cache_capacity) {
    // Evict any idle entry: simple, and with a working set under the
    // capacity (the common case) eviction never happens at all.
    const auto victim = std::find_if(by_sql_.begin(), by_sql_.end(),
                                     [](const auto& e) { return !sqlite3_stmt_busy(e.second); });
    if (victim == by_sql_.end()) {
      owned = true;  // everything cached is in use: run this one uncached
      return s;
    }
    sqlite3_finalize(victim->second);
    by_sql_.erase(victim);
  }
  try {
    by_sql_.emplace(std::string(sql), s);
  } catch (...) {
    sqlite3_finalize(s);
    throw;
  }
  return s;
}

// -------------------------------------------------------------- execution

SqliteConnection::FrozenStatement::FrozenStatement(sqlite3_stmt* s, std::size_t param_count,
                                                   bool read_only)
    : stmt(s), params(param_count), reads_only(read_only) {}

SqliteConnection::FrozenStatement::~FrozenStatement() {
  reader.reset();
  sqlite3_finalize(stmt);
}

SqliteConnection::FrozenStatement& SqliteConnection::prepare_frozen(std::uint32_t frozen_id,
                                                                    std::string_view sql) {
  if (frozen_id >= by_frozen_id_.size()) by_frozen_id_.resize(frozen_id + 1);
  sqlite3_stmt* s = prepare(sql, true);
  try {
    auto f = std::make_unique<FrozenStatement>(
        s, static_cast<std::size_t>(sqlite3_bind_parameter_count(s)),
        sqlite3_stmt_readonly(s) != 0);
    f->reader = std::make_unique<SqliteRowReader>(s);
    by_frozen_id_[frozen_id] = std::move(f);
  } catch (...) {
    sqlite3_finalize(s);
    throw;
  }
  return *by_frozen_id_[frozen_id];
}

namespace {

[[noreturn, gnu::cold]] void throw_parameter_count(std::size_t expected, std::size_t given,
                                                   std::string_view sql) {
  throw UsageError(fmt::format("the statement takes {} parameters but {} were given\nin: {}",
                               expected, given, sql_for_message(sql)));
}

}  // namespace

ExecResult SqliteConnection::execute(const Statement& st, RowSink* sink) {
  bool owned = false;
  sqlite3_stmt* s = nullptr;
  if (st.frozen_id != 0 && st.frozen_id < max_frozen_id) {
    // Every run of a frozen query: an index, no hashing of the SQL text, and
    // the parameter count, read-only flag and row reader are the
    // statement's own, asked of SQLite once.
    FrozenStatement* f =
        st.frozen_id < by_frozen_id_.size() ? by_frozen_id_[st.frozen_id].get() : nullptr;
    if (f == nullptr) [[unlikely]]
      f = &prepare_frozen(st.frozen_id, st.sql);
    // sqlite3_sql ends at the first statement, before any trailing comment.
    assert(st.sql.starts_with(sqlite3_sql(f->stmt)) && "one frozen id, one SQL text");
    if (!f->running) [[likely]] {
      if (f->params != st.params.size()) throw_parameter_count(f->params, st.params.size(), st.sql);
      StatementUse use(f->stmt, false);
      f->running = true;
      use.running = &f->running;
      use.clear_bindings = bind_values(f->stmt, st.params, st.sql);
      return step_all(f->stmt, *f->reader, f->reads_only, sink, st.sql);
    }
    // A sink runs the same frozen query again: a one-off copy runs it.
    s = prepare(st.sql, false);
    owned = true;
  } else {
    s = acquire(st.sql, owned);
  }
  StatementUse use(s, owned);
  const auto expected = static_cast<std::size_t>(sqlite3_bind_parameter_count(s));
  if (expected != st.params.size()) throw_parameter_count(expected, st.params.size(), st.sql);
  use.clear_bindings = bind_values(s, st.params, st.sql);
  SqliteRowReader reader(s);
  return step_all(s, reader, sqlite3_stmt_readonly(s) != 0, sink, st.sql);
}

// Inlined into execute()'s two paths: a call would cost the point query.
[[gnu::always_inline]] inline ExecResult SqliteConnection::step_all(sqlite3_stmt* s,
                                                                    SqliteRowReader& reader,
                                                                    bool reads_only, RowSink* sink,
                                                                    std::string_view sql) {
  sqlite3* const db = db_.get();
  const sqlite3_int64 changes_before = reads_only ? 0 : sqlite3_total_changes64(db);
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    reader.start();  // after the first step: see SqliteRowReader::start
    do {
      if (sink != nullptr) {
        reader.load();
        sink->on_row(reader);
      }
      reader.next_row();
    } while ((rc = sqlite3_step(s)) == SQLITE_ROW);
  }
  if (rc != SQLITE_DONE) throw_error(rc, sql);

  ExecResult result;
  if (reads_only) return result;
  // sqlite3_changes64 keeps the count of the last INSERT/UPDATE/DELETE, so it
  // is stale after DDL; it is only read when this statement changed something.
  if (sqlite3_total_changes64(db) != changes_before) result.rows_affected = sqlite3_changes64(db);
  result.last_insert_id = sqlite3_last_insert_rowid(db);
  return result;
}

// A batch run outside a transaction is wrapped in a savepoint: it is atomic
// (a failing row leaves no earlier rows behind) and commits once, not once
// per row. Inside the caller's transaction it simply runs.
ExecResult SqliteConnection::execute_batch(std::string_view sql, BatchSource& batch) {
  bool owned = false;
  sqlite3_stmt* const s = acquire(sql, owned);
  StatementUse use(s, owned);
  sqlite3* const db = db_.get();
  const std::size_t rows = batch.size();
  const bool own_savepoint = rows > 1 && sqlite3_get_autocommit(db) != 0;
  if (own_savepoint) {
    if (const int rc = sqlite3_exec(db, "SAVEPOINT quarry_batch", nullptr, nullptr, nullptr);
        rc != SQLITE_OK) {
      throw_error(rc, "SAVEPOINT quarry_batch");
    }
  }

  ExecResult result;
  try {
    SqliteParamWriter writer(s, sql);
    const auto params = static_cast<std::size_t>(sqlite3_bind_parameter_count(s));
    for (std::size_t row = 0; row < rows; ++row) {
      writer.start_row();
      batch.bind(row, writer);
      // A row that binds fewer values must not reuse the last row's (nor its
      // pointers): the ones it left out are NULL, as after clearing.
      const bool nulled = writer.null_unbound(params);
      const sqlite3_int64 changes_before = sqlite3_total_changes64(db);
      int rc;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      }  // rows of a RETURNING clause are not wanted here
      if (rc != SQLITE_DONE) throw_error(rc, sql);
      if (sqlite3_total_changes64(db) != changes_before)
        result.rows_affected += sqlite3_changes64(db);
      sqlite3_reset(s);
      if (!nulled) sqlite3_clear_bindings(s);
    }
    result.last_insert_id = sqlite3_last_insert_rowid(db);
    if (own_savepoint) {
      if (const int rc = sqlite3_exec(db, "RELEASE quarry_batch", nullptr, nullptr, nullptr);
          rc != SQLITE_OK) {
        throw_error(rc, "RELEASE quarry_batch");
      }
    }
  } catch (...) {
    sqlite3_reset(s);  // a pending statement would block the rollback
    if (own_savepoint && sqlite3_exec(db, "ROLLBACK TO quarry_batch; RELEASE quarry_batch", nullptr,
                                      nullptr, nullptr) != SQLITE_OK) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);  // never leave it open
    }
    throw;
  }
  return result;
}

void SqliteConnection::execute_script(std::string_view sql) {
  if (sql.find('\0') != std::string_view::npos) {
    throw UsageError("SQL script holds a NUL byte; SQLite would stop reading there\nin: " +
                     sql_for_message(sql));
  }
  const std::string text(sql);  // sqlite3_exec wants a terminated string
  char* message = nullptr;
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return;
  const std::string error = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  int code = sqlite3_extended_errcode(db_.get());
  if ((code & 0xff) != (rc & 0xff)) code = rc;
  throw_error(code, error.c_str(), sql);
}

// ------------------------------------------------------------------ async

Task<void> SqliteConnection::run_async(std::function<void()> work) {
  // Started on first use, so that purely synchronous users never pay for a
  // thread. The Pool hands a connection to one user at a time, which orders
  // this check against any other.
  if (!worker_) worker_ = std::make_unique<Worker>();
  Worker& worker = *worker_;
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(std::exception_ptr)>(
      [&worker](auto handler, std::function<void()> job) {
        using Handler = decltype(handler);
        worker.post(std::make_unique<CompletionJob<Handler>>(std::move(handler), std::move(job)));
      },
      asio::use_awaitable, std::move(work));
  // The void(std::exception_ptr) signature makes co_await rethrow here, on
  // the awaiter's executor, any exception `work` threw.
}

// ---------------------------------------------------------------- streams

/// A statement of its own (prepared, not cached: it stays mid-iteration for
/// as long as the caller likes), stepped `max_rows` at a time. Its values
/// are copied into the stream, which the bindings point into.
class SqliteConnection::Stream final : public RowStream {
 public:
  Stream(SqliteConnection& c, const Statement& st)
      : c_(c), sql_(st.sql), params_(st.params.begin(), st.params.end()) {
    stmt_ = c.prepare(sql_, false);
    const auto expected = static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt_));
    if (expected != params_.size()) {
      sqlite3_finalize(stmt_);
      throw UsageError(fmt::format("the statement takes {} parameters but {} were given\nin: {}",
                                   expected, params_.size(), sql_for_message(sql_)));
    }
    try {
      bind_values(stmt_, params_, sql_);
    } catch (...) {
      sqlite3_finalize(stmt_);  // the destructor does not run for a throwing constructor
      throw;
    }
  }
  ~Stream() override {
    reader_.reset();
    sqlite3_finalize(stmt_);  // ends the read (or write) the statement holds open
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  std::size_t next(RowSink& sink, std::size_t max_rows) override {
    std::size_t delivered = 0;
    while (!done_ && delivered < max_rows) {
      const int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_ROW) {
        // At the first row, not before: see execute().
        if (!reader_) reader_.emplace(stmt_);
        reader_->load();
        sink.on_row(*reader_);
        reader_->next_row();
        ++delivered;
        continue;
      }
      done_ = true;
      sqlite3_reset(stmt_);
      if (rc != SQLITE_DONE) c_.throw_error(rc, sql_);
    }
    return delivered;
  }

  Task<std::size_t> next_async(RowSink& sink, std::size_t max_rows) override {
    std::size_t delivered = 0;
    co_await c_.run_async([&] { delivered = next(sink, max_rows); });
    co_return delivered;
  }

 private:
  SqliteConnection& c_;
  std::string sql_;
  std::vector<Value> params_;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<SqliteRowReader> reader_;
  bool done_ = false;
};

std::unique_ptr<RowStream> SqliteConnection::open_stream(const Statement& stmt) {
  return std::make_unique<Stream>(*this, stmt);
}

}  // namespace quarry::detail
