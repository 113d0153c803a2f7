// Bulk load on PostgreSQL: COPY ... FROM STDIN in the binary format, the rows
// encoded straight from the values the query layer binds (PgCopyEncoder),
// sent in chunks without blocking (PQputCopyData / PQputCopyEnd in
// non-blocking mode), blocking or on the Asio loop. See PgConnection.
#include "driver/postgresql/pg_connection.hpp"

#include "driver/copy_writer.hpp"

#include "driver/postgresql/pg_result.hpp"

#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace quarry::detail {

namespace {

/// PostgreSQL's epoch for dates and timestamps: 2000-01-01, in days after 1970-01-01.
constexpr std::int64_t pg_epoch_days = 10957;
constexpr std::int64_t micros_per_day = 86'400'000'000;

/// Rows are sent in chunks of about this many bytes: few calls into libpq,
/// and memory bounded by one chunk plus the socket's buffers.
constexpr std::size_t copy_chunk_bytes = 256 * 1024;

const char* copy_type_name(CopyType t) {
  switch (t) {
    case CopyType::int16:
      return "smallint";
    case CopyType::int32:
      return "integer";
    case CopyType::int64:
      return "bigint";
    case CopyType::float64:
      return "double precision";
    case CopyType::boolean:
      return "boolean";
    case CopyType::decimal:
      return "numeric";
    case CopyType::text:
      return "text";
    case CopyType::blob:
      return "bytea";
    case CopyType::date:
      return "date";
    case CopyType::time:
      return "time";
    case CopyType::timestamp:
      return "timestamp";
    case CopyType::timestamptz:
      return "timestamptz";
    case CopyType::uuid:
      return "uuid";
    case CopyType::jsonb:
      return "jsonb";
  }
  return "?";
}

/// The bytes of the chunk being encoded, written through a pointer into
/// one allocation: std::string::append is an out-of-line call per field,
/// and a row has a dozen fields. Room is made once per value (`room`), the
/// fields are then stored without checks.
class CopyBuffer {
 public:
  explicit CopyBuffer(std::size_t capacity) { grow(capacity); }

  const char* data() const noexcept { return start_.get(); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(at_ - start_.get()); }
  bool empty() const noexcept { return at_ == start_.get(); }
  void clear() noexcept { at_ = start_.get(); }
  /// Back to `n` bytes (n <= size()), dropping a row half-written.
  void truncate(std::size_t n) noexcept { at_ = start_.get() + n; }

  /// Makes room for `n` more bytes.
  void room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - at_) < n) grow(size() + n);
  }
  // The put functions need room() first.
  void put8(char v) noexcept { *at_++ = v; }
  void put16(std::uint16_t v) noexcept { store(static_cast<std::uint16_t>(__builtin_bswap16(v))); }
  void put32(std::uint32_t v) noexcept { store(__builtin_bswap32(v)); }
  void put64(std::uint64_t v) noexcept { store(__builtin_bswap64(v)); }
  /// `n` bytes from `p`. Short values (a name, a note) are copied with two
  /// overlapping fixed-size moves, where memcpy would be a call.
  void put_bytes(const void* p, std::size_t n) noexcept {
    const auto* s = static_cast<const char*>(p);
    if (n >= 4 && n <= 32) {
      if (n < 8) {
        std::memcpy(at_, s, 4);
        std::memcpy(at_ + n - 4, s + n - 4, 4);
      } else if (n <= 16) {
        std::memcpy(at_, s, 8);
        std::memcpy(at_ + n - 8, s + n - 8, 8);
      } else {
        std::memcpy(at_, s, 16);
        std::memcpy(at_ + n - 16, s + n - 16, 16);
      }
    } else if (n != 0) {  // an empty view may have no data pointer
      std::memcpy(at_, s, n);
    }
    at_ += n;
  }

 private:
  static_assert(std::endian::native == std::endian::little,
                "CopyBuffer writes big-endian fields by swapping bytes");
  template <class T>
  void store(T v) noexcept {
    std::memcpy(at_, &v, sizeof v);
    at_ += sizeof v;
  }
  void grow(std::size_t need) {
    const std::size_t used = start_ ? size() : 0;
    const std::size_t capacity = std::max(need, static_cast<std::size_t>(end_ - start_.get()) * 2);
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (used != 0) std::memcpy(bigger.get(), start_.get(), used);
    start_ = std::move(bigger);
    at_ = start_.get() + used;
    end_ = start_.get() + capacity;
  }

  std::unique_ptr<char[]> start_;
  char* at_ = nullptr;
  char* end_ = nullptr;
};

/// Encodes rows in COPY's binary format: per row a 16-bit field count, per
/// field a 32-bit length (-1 for NULL) and the value in the type's binary
/// send format (big-endian integers, IEEE doubles, numeric as base-10000
/// digits, dates and timestamps from PostgreSQL's 2000-01-01 epoch). Each
/// value is converted from what the query layer binds (a date as its text,
/// say; a Timestamp comes as itself, through CopyWriter) without loss, or
/// refused with a UsageError naming the row and column.
class PgCopyEncoder final : public CopyWriter {
 public:
  PgCopyEncoder(const CopyStatement& copy, CopyBuffer& out)
      : copy_(copy), out_(out), fixed_row_bytes_(2 + max_fixed_field * copy.columns.size()) {}

  static void header(CopyBuffer& out) {
    static constexpr char signature[] = "PGCOPY\n\377\r\n";  // 11 bytes with the NUL
    out.room(19);
    out.put_bytes(signature, 11);
    out.put32(0);  // flags
    out.put32(0);  // header extension length
  }
  static void trailer(CopyBuffer& out) {
    out.room(2);
    out.put16(0xffff);
  }

  /// Starts a row, with room for all of its fixed-size fields (a value of
  /// variable size makes room for itself and for those again).
  void begin_row(std::size_t row) {
    row_ = row;
    column_ = 0;
    out_.room(fixed_row_bytes_);
    out_.put16(static_cast<std::uint16_t>(copy_.columns.size()));
  }
  void end_row() {
    if (column_ != copy_.columns.size()) {
      fail(fmt::format("{} of {} values were given", column_, copy_.columns.size()));
    }
  }
  std::size_t row() const noexcept { return row_; }
  std::size_t column() const noexcept { return column_; }

  void bind_null(std::size_t index) override {
    at(index);
    out_.put32(0xffffffffu);
    ++column_;
  }

  void bind_int64(std::size_t index, std::int64_t v) override {
    switch (at(index)) {
      case CopyType::int16:
        if (v < std::numeric_limits<std::int16_t>::min() ||
            v > std::numeric_limits<std::int16_t>::max()) {
          fail(fmt::format("{} is out of range for smallint", v));
        }
        out_.put32(2);
        out_.put16(static_cast<std::uint16_t>(v));
        break;
      case CopyType::int32:
        if (v < std::numeric_limits<std::int32_t>::min() ||
            v > std::numeric_limits<std::int32_t>::max()) {
          fail(fmt::format("{} is out of range for integer", v));
        }
        out_.put32(4);
        out_.put32(static_cast<std::uint32_t>(v));
        break;
      case CopyType::int64:
        out_.put32(8);
        out_.put64(static_cast<std::uint64_t>(v));
        break;
      case CopyType::boolean:
        out_.put32(1);
        out_.put8(v != 0 ? '\1' : '\0');
        break;
      case CopyType::float64:
        out_.put32(8);
        out_.put64(std::bit_cast<std::uint64_t>(static_cast<double>(v)));
        break;
      case CopyType::decimal: {
        char text[24];
        const auto end = std::to_chars(text, text + sizeof text, v).ptr;
        numeric(std::string_view(text, static_cast<std::size_t>(end - text)));
        break;
      }
      default:
        mismatch("an integer");
    }
    ++column_;
  }

  void bind_double(std::size_t index, double v) override {
    switch (at(index)) {
      case CopyType::float64:
        out_.put32(8);
        out_.put64(std::bit_cast<std::uint64_t>(v));
        break;
      case CopyType::decimal: {
        if (!std::isfinite(v)) fail(fmt::format("{} is not a number numeric can hold", v));
        char text[32];
        const auto end = std::to_chars(text, text + sizeof text, v).ptr;  // shortest round trip
        numeric(std::string_view(text, static_cast<std::size_t>(end - text)));
        break;
      }
      default:
        mismatch("a real number");
    }
    ++column_;
  }

  void bind_text(std::size_t index, std::string_view v) override {
    switch (at(index)) {
      case CopyType::text:
        check_no_nul(v);
        put_bytes(v.data(), v.size());
        break;
      case CopyType::jsonb:
        check_no_nul(v);
        check_size(v.size() + 1);
        out_.room(v.size() + 5 + fixed_row_bytes_);
        out_.put32(static_cast<std::uint32_t>(v.size() + 1));
        out_.put8('\1');  // jsonb's binary format version
        out_.put_bytes(v.data(), v.size());
        break;
      case CopyType::decimal:
        numeric(v);
        break;
      case CopyType::date: {
        Date d;
        if (!detail::parse_date(v, d)) fail(fmt::format("\"{}\" is not a date", v));
        out_.put32(4);
        const auto days = std::chrono::sys_days(d).time_since_epoch().count() - pg_epoch_days;
        out_.put32(static_cast<std::uint32_t>(static_cast<std::int32_t>(days)));
        break;
      }
      case CopyType::time: {
        TimeOfDay t;
        if (!detail::parse_time(v, t)) fail(fmt::format("\"{}\" is not a time of day", v));
        out_.put32(8);
        out_.put64(static_cast<std::uint64_t>(t.since_midnight.count()));
        break;
      }
      case CopyType::timestamp: {
        Timestamp t;
        if (!detail::parse_timestamp(v, t)) fail(fmt::format("\"{}\" is not a timestamp", v));
        put_timestamp(t.time_since_epoch().count());
        break;
      }
      case CopyType::timestamptz: {
        // format_timestamptz writes UTC with "+00:00": the timestamp parser's
        // fast path reads the rest.
        Timestamp local;
        if (v.ends_with("+00:00") && detail::parse_timestamp(v.substr(0, v.size() - 6), local)) {
          put_timestamp(local.time_since_epoch().count());
          break;
        }
        TimestampTz t;
        if (!detail::parse_timestamptz(v, t)) {
          fail(fmt::format("\"{}\" is not a timestamp with a time zone", v));
        }
        put_timestamp(t.time_since_epoch().count());
        break;
      }
      case CopyType::uuid: {
        Uuid u;
        try {
          u = Uuid::parse(v);
        } catch (const UsageError&) {
          fail(fmt::format("\"{}\" is not a UUID", v));
        }
        out_.put32(16);
        out_.put_bytes(u.bytes.data(), u.bytes.size());
        break;
      }
      default:
        mismatch("text");
    }
    ++column_;
  }

  void bind_text_copy(std::size_t index, std::string_view v) override { bind_text(index, v); }

  void bind_timestamp(std::size_t index, const Timestamp& v) override {
    if (at(index) != CopyType::timestamp) {
      char text[max_timestamp_text];
      bind_text(index, std::string_view(text, format_timestamp(v, text)));
      return;
    }
    put_timestamp(v.time_since_epoch().count());
    ++column_;
  }

  void bind_blob(std::size_t index, std::span<const std::byte> v) override {
    if (at(index) != CopyType::blob) mismatch("bytes");
    put_bytes(reinterpret_cast<const char*>(v.data()), v.size());
    ++column_;
  }

  /// "row 3, column \"name\"": where the encoder is, for messages.
  std::string position() const {
    if (column_ < copy_.columns.size()) {
      return fmt::format("at row {} (0-based), column \"{}\", of the input", row_,
                         copy_.columns[column_].name);
    }
    return fmt::format("at row {} (0-based) of the input", row_);
  }

 private:
  /// The most a fixed-size field takes: its length and a uuid's 16 bytes.
  static constexpr std::size_t max_fixed_field = 4 + 16;

  void check_size(std::size_t n) const {
    if (n > 0x3fffffff) fail(fmt::format("a value of {} bytes is over PostgreSQL's 1 GB", n));
  }
  void put_bytes(const char* p, std::size_t n) {
    check_size(n);
    out_.room(n + 4 + fixed_row_bytes_);
    out_.put32(static_cast<std::uint32_t>(n));
    out_.put_bytes(p, n);
  }
  void put_timestamp(std::int64_t unix_micros) {
    out_.put32(8);
    out_.put64(static_cast<std::uint64_t>(unix_micros - pg_epoch_days * micros_per_day));
  }
  void check_no_nul(std::string_view v) const {
    if (std::memchr(v.data(), '\0', v.size()) != nullptr) {
      fail("the text holds a NUL byte, which PostgreSQL text cannot store");
    }
  }

  /// numeric's binary form: digit count, weight (of the first base-10000
  /// digit), sign and display scale, then the base-10000 digits, from the
  /// canonical decimal text (which keeps the scale).
  void numeric(std::string_view text) {
    canonical_.clear();
    if (!detail::append_canonical_decimal(canonical_, text)) {
      fail(fmt::format("\"{}\" is not a decimal number", text));
    }
    std::string_view s = canonical_;
    const bool negative = s.starts_with('-');
    if (negative) s.remove_prefix(1);
    const std::size_t dot = s.find('.');
    std::string_view int_part = s.substr(0, dot);
    const std::string_view frac_part = dot == std::string_view::npos ? "" : s.substr(dot + 1);
    while (!int_part.empty() && int_part.front() == '0') int_part.remove_prefix(1);
    digits_.clear();
    // Integer digits in groups of four from the decimal point leftwards.
    const std::size_t lead = int_part.size() % 4;
    int group = 0, in_group = 0;
    const auto take = [&](char c) {
      group = group * 10 + (c - '0');
      if (++in_group == 4) {
        digits_.push_back(static_cast<std::int16_t>(group));
        group = 0;
        in_group = 0;
      }
    };
    for (std::size_t i = 0; i < (lead ? 4 - lead : 0); ++i) take('0');
    for (char c : int_part) take(c);
    int weight = static_cast<int>(digits_.size()) - 1;
    for (char c : frac_part) take(c);
    if (in_group != 0) {
      while (in_group != 0) take('0');
    }
    // Leading zero digits move the weight down; trailing ones say nothing.
    std::size_t first = 0;
    while (first < digits_.size() && digits_[first] == 0) {
      ++first;
      --weight;
    }
    std::size_t last = digits_.size();
    while (last > first && digits_[last - 1] == 0) --last;
    const std::size_t n = last - first;
    if (n == 0) weight = 0;
    out_.room(12 + 2 * n + fixed_row_bytes_);
    out_.put32(static_cast<std::uint32_t>(8 + 2 * n));
    out_.put16(static_cast<std::uint16_t>(n));
    out_.put16(static_cast<std::uint16_t>(static_cast<std::int16_t>(weight)));
    out_.put16(n != 0 && negative ? 0x4000 : 0x0000);
    out_.put16(static_cast<std::uint16_t>(frac_part.size()));
    for (std::size_t i = first; i < last; ++i) out_.put16(static_cast<std::uint16_t>(digits_[i]));
  }

  CopyType at(std::size_t index) const {
    if (index != column_ || index >= copy_.columns.size()) {
      throw UsageError(fmt::format(
          "bulk load into \"{}\": value {} bound where value {} of {} was due, at row {}",
          copy_.table, index, column_, copy_.columns.size(), row_));
    }
    return copy_.columns[index].type;
  }
  [[noreturn]] void mismatch(std::string_view what) const {
    fail(fmt::format("{} was given for a {} column", what,
                     copy_type_name(copy_.columns[column_].type)));
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw UsageError(fmt::format("bulk load into \"{}\" {}: {}; nothing was inserted", copy_.table,
                                 position(), why));
  }

  const CopyStatement& copy_;
  CopyBuffer& out_;
  std::size_t fixed_row_bytes_;
  std::size_t row_ = 0;
  std::size_t column_ = 0;
  std::string canonical_;             // reused by numeric()
  std::vector<std::int16_t> digits_;  // reused by numeric()
};

std::string copy_sql(const CopyStatement& copy) {
  const sql::Dialect& d = sql::postgresql_dialect();
  std::string sql = "COPY ";
  d.quote_identifier(sql, copy.table);
  sql += " (";
  for (std::size_t i = 0; i < copy.columns.size(); ++i) {
    if (i) sql += ", ";
    d.quote_identifier(sql, copy.columns[i].name);
  }
  sql += ") FROM STDIN (FORMAT binary)";
  return sql;
}

/// "at row 3 (0-based) of the input" from the server's "COPY band, line 4":
/// binary COPY counts its rows as lines, from 1.
std::string server_position(const PGresult* error) {
  const char* context = PQresultErrorField(error, PG_DIAG_CONTEXT);
  if (context == nullptr) return "";
  const std::string_view text(context);
  const std::size_t at = text.find(", line ");
  if (at == std::string_view::npos) return "";
  std::size_t line = 0;
  const char* first = text.data() + at + 7;
  const auto [end, ec] = std::from_chars(first, text.data() + text.size(), line);
  if (ec != std::errc() || line == 0) return "";
  std::string out = fmt::format("at row {} (0-based) of the input", line - 1);
  const std::string_view rest(end, static_cast<std::size_t>(text.data() + text.size() - end));
  if (rest.starts_with(", column ")) {
    const std::size_t colon = rest.find(':');
    out += fmt::format(
        ", column {}",
        rest.substr(9, colon == std::string_view::npos ? std::string_view::npos : colon - 9));
  }
  return out;
}

}  // namespace

/// One COPY, from the query that starts it to its result, as steps that
/// say what to wait for; the blocking and the awaitable call drive the same
/// steps.
class PgConnection::CopyIn {
 public:
  enum class Want : std::uint8_t { done, read, write };

  CopyIn(PgConnection& c, const CopyStatement& copy, CopySource& source)
      : c_(c), copy_(copy), source_(source), sql_(copy_sql(copy)), encoder_(copy, buffer_) {
    c_.begin_exclusive(sql_);
    if (PQsendQueryParams(c_.conn_.get(), sql_.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) ==
        0) {
      const std::string why = PQerrorMessage(c_.conn_.get());
      c_.end_exclusive();
      throw_pg_connection_error(c_.conn_.get(), why, sql_);
    }
  }
  ~CopyIn() {
    if (state_ != State::finished) {
      // Left half-way (an awaiter destroyed): the COPY cannot be finished
      // without waiting, so the connection is not reusable.
      c_.fail_all("a COPY was abandoned half-way");
    }
    c_.end_exclusive();
  }
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;

  /// Does what can be done without waiting; says what to wait for next.
  Want step() {
    PGconn* const c = c_.conn_.get();
    for (;;) {
      if (c_.broken_) return finish_broken();
      switch (state_) {
        case State::starting: {
          if (PQflush(c) == 1) return Want::write;
          if (PQisBusy(c) != 0) return Want::read;
          PgResult r(PQgetResult(c));
          if (r && PQresultStatus(r.get()) == PGRES_COPY_IN) {
            buffer_.clear();
            PgCopyEncoder::header(buffer_);
            state_ = State::sending;
          } else {
            if (r) error_ = std::move(r);  // no such table or column, say
            state_ = State::results;
          }
          break;
        }
        case State::sending: {
          if (!buffer_.empty()) {
            // A chunk is ready: libpq takes it once it has sent the last
            // one (memory: a chunk here, at most one in libpq's buffer).
            const int pending = PQflush(c);
            if (pending < 0) return fail_connection();
            if (pending == 1) return Want::write;
            const int rc = PQputCopyData(c, buffer_.data(), static_cast<int>(buffer_.size()));
            if (rc < 0) return fail_connection();
            if (rc == 0) return Want::write;
            buffer_.clear();  // libpq has copied it, and sent what the socket took
          }
          if (rows_done_) {
            state_ = State::ending;
            break;
          }
          // The next chunk is encoded while the socket drains the last one:
          // no wait for writability between chunks.
          fill_chunk();
          break;
        }
        case State::ending: {
          const std::string reason =
              failure_ ? "quarry: the bulk load was abandoned by the client" : "";
          const int rc = PQputCopyEnd(c, failure_ ? reason.c_str() : nullptr);
          if (rc < 0) return fail_connection();
          if (rc == 0) return Want::write;
          state_ = State::flushing;
          break;
        }
        case State::flushing: {
          const int pending = PQflush(c);
          if (pending < 0) return fail_connection();
          if (pending == 1) return Want::write;
          state_ = State::results;
          break;
        }
        case State::results: {
          if (PQisBusy(c) != 0) return Want::read;
          PgResult r(PQgetResult(c));
          if (!r) {
            state_ = State::finished;
            return Want::done;
          }
          const ExecStatusType status = PQresultStatus(r.get());
          if (status == PGRES_COMMAND_OK) {
            rows_ = pg_exec_result(r.get()).rows_affected;
          } else if (status == PGRES_COPY_IN) {
            // Still in COPY (cannot happen after PQputCopyEnd); end it.
            PQputCopyEnd(c, "quarry: unexpected COPY state");
          } else if (!error_) {
            error_ = std::move(r);
          }
          break;
        }
        case State::finished:
          return Want::done;
      }
    }
  }

  /// The row count, or the error of the load.
  std::int64_t result() {
    if (failure_) std::rethrow_exception(failure_);
    if (!connection_failure_.empty()) {
      throw_pg_connection_error(c_.conn_.get(), connection_failure_, sql_);
    }
    if (error_) {
      const std::string where = server_position(error_.get());
      try {
        throw_pg_error(error_.get(), c_.conn_.get(), sql_);
      } catch (...) {
        rethrow_with_context(fmt::format("in the bulk load into \"{}\"{}{}; nothing was inserted",
                                         copy_.table, where.empty() ? "" : ": ", where));
      }
    }
    return rows_;
  }

 private:
  enum class State : std::uint8_t { starting, sending, ending, flushing, results, finished };

  /// Encodes rows until the chunk is full or the rows end. A row that
  /// cannot be encoded ends the COPY with an error (nothing is inserted).
  void fill_chunk() {
    try {
      while (buffer_.size() < copy_chunk_bytes) {
        const std::size_t mark = buffer_.size();
        encoder_.begin_row(next_row_);
        if (!source_.next(encoder_)) {
          buffer_.truncate(mark);
          PgCopyEncoder::trailer(buffer_);
          rows_done_ = true;
          return;
        }
        encoder_.end_row();
        ++next_row_;
      }
    } catch (const UsageError& e) {
      // The encoder's own messages name the row and column already.
      if (std::string_view(e.what()).starts_with("bulk load into")) {
        failure_ = std::current_exception();
      } else {
        failure_ = capture_with_context();
      }
      abandon_rows();
    } catch (...) {
      failure_ = capture_with_context();
      abandon_rows();
    }
  }
  std::exception_ptr capture_with_context() {
    try {
      rethrow_with_context(fmt::format("in the bulk load into \"{}\" {}; nothing was inserted",
                                       copy_.table, encoder_.position()));
    } catch (...) {
      return std::current_exception();
    }
  }
  void abandon_rows() {
    buffer_.clear();
    rows_done_ = true;
  }
  Want fail_connection() {
    connection_failure_ = PQerrorMessage(c_.conn_.get());
    c_.fail_all(connection_failure_);
    state_ = State::finished;
    return Want::done;
  }
  Want finish_broken() {
    if (connection_failure_.empty()) connection_failure_ = PQerrorMessage(c_.conn_.get());
    if (connection_failure_.empty()) connection_failure_ = "connection lost";
    state_ = State::finished;
    return Want::done;
  }

  PgConnection& c_;
  const CopyStatement& copy_;
  CopySource& source_;
  std::string sql_;
  CopyBuffer buffer_{copy_chunk_bytes + 64 * 1024};
  PgCopyEncoder encoder_;
  State state_ = State::starting;
  std::size_t next_row_ = 0;
  bool rows_done_ = false;
  std::int64_t rows_ = 0;
  PgResult error_;
  std::exception_ptr failure_;
  std::string connection_failure_;
};

std::int64_t PgConnection::copy_in(const CopyStatement& copy, CopySource& source) {
  CopyIn run(*this, copy, source);
  for (CopyIn::Want w; (w = run.step()) != CopyIn::Want::done;) {
    wait_blocking(w == CopyIn::Want::write);
  }
  return run.result();
}

Task<std::int64_t> PgConnection::copy_in_async(const CopyStatement& copy, CopySource& source) {
  CopyIn run(*this, copy, source);
  for (CopyIn::Want w; (w = run.step()) != CopyIn::Want::done;) {
    co_await wait_async(w == CopyIn::Want::write);
  }
  co_return run.result();
}

}  // namespace quarry::detail
