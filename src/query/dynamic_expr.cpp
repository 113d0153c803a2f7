// The expression half of the dynamic API: tables and columns looked up in a
// Schema, values checked against column types, and the operators and
// functions that build the shared expression tree.
#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include <quarry/query/dynamic.hpp>
#include <quarry/sql/expr.hpp>

#include "query/dynamic_types.hpp"

namespace quarry::dyn {

using detail::Category;
using detail::category_of;
using detail::type_text;

namespace detail {

Category category_of(TypeKind kind) noexcept {
  switch (kind) {
    case TypeKind::int16:
    case TypeKind::int32:
    case TypeKind::int64:
    case TypeKind::float64:
    case TypeKind::decimal:
    case TypeKind::enum_integer:
      return Category::numeric;
    case TypeKind::text:
    case TypeKind::varchar:
    case TypeKind::enum_text:
    case TypeKind::db_enum:
      return Category::text;
    case TypeKind::boolean:
      return Category::boolean;
    case TypeKind::blob:
      return Category::bytes;
    case TypeKind::date:
      return Category::date;
    case TypeKind::time:
      return Category::time;
    case TypeKind::timestamp:
      return Category::timestamp;
    case TypeKind::timestamptz:
      return Category::timestamptz;
    case TypeKind::uuid:
      return Category::uuid;
    case TypeKind::json:
      return Category::json;
    case TypeKind::interval:
    case TypeKind::array:
    case TypeKind::raw:
      return Category::any;
  }
  return Category::any;
}

std::string type_text(const SqlType& type) {
  switch (type.kind) {
    case TypeKind::varchar:
      return type.length ? fmt::format("varchar({})", type.length) : "varchar";
    case TypeKind::decimal:
      return type.precision ? fmt::format("numeric({}, {})", type.precision, type.scale)
                            : "numeric";
    case TypeKind::enum_text:
    case TypeKind::db_enum:
      if (type.enum_values.empty()) break;
      return fmt::format("enum ({})", fmt::join(type.enum_values, ", "));
    case TypeKind::raw:
      return type.type_name.empty() ? "raw SQL type" : type.type_name;
    default:
      break;
  }
  return std::string(type_kind_name(type.kind));
}

bool compatible(const std::optional<SqlType>& a, const std::optional<SqlType>& b) noexcept {
  if (!a || !b) return true;
  Category ca = category_of(a->kind), cb = category_of(b->kind);
  return ca == Category::any || cb == Category::any || ca == cb;
}

quarry::detail::JsonWriter json_writer_for(const std::optional<SqlType>& type) noexcept {
  namespace qd = quarry::detail;
  if (!type) return &qd::json_any;
  switch (type->kind) {
    case TypeKind::int16:
    case TypeKind::int32:
    case TypeKind::int64:
    case TypeKind::enum_integer:
      return &qd::json_int;
    case TypeKind::float64:
      return &qd::json_double;
    case TypeKind::decimal:
      return &qd::json_number_text;
    case TypeKind::boolean:
      return &qd::json_bool;
    case TypeKind::blob:
      return &qd::json_blob;
    case TypeKind::timestamp:
    case TypeKind::timestamptz:
      return &qd::json_timestamp;
    case TypeKind::json:
      return &qd::json_raw;
    case TypeKind::text:
    case TypeKind::varchar:
    case TypeKind::enum_text:
    case TypeKind::db_enum:
    case TypeKind::date:
    case TypeKind::time:
    case TypeKind::uuid:
      return &qd::json_text;
    case TypeKind::interval:
    case TypeKind::array:
    case TypeKind::raw:
      return &qd::json_any;
  }
  return &qd::json_any;
}

}  // namespace detail

namespace {

SqlType kind_type(TypeKind k) {
  SqlType t;
  t.kind = k;
  return t;
}

const SqlType& boolean_type() {
  static const SqlType t = kind_type(TypeKind::boolean);
  return t;
}

// --- Values against types ----------------------------------------------------

std::string_view literal_kind_name(const Literal& v) {
  switch (v.kind()) {
    case Literal::Kind::null:
      return "NULL";
    case Literal::Kind::boolean:
      return "a boolean";
    case Literal::Kind::integer:
      return "an integer";
    case Literal::Kind::real:
      return "a double";
    case Literal::Kind::text:
      return "text";
    case Literal::Kind::decimal:
      return "a decimal";
    case Literal::Kind::uuid:
      return "a UUID";
    case Literal::Kind::date:
      return "a date";
    case Literal::Kind::time:
      return "a time";
    case Literal::Kind::timestamp:
      return "a timestamp";
    case Literal::Kind::timestamptz:
      return "a timestamp with time zone";
    case Literal::Kind::json:
      return "JSON";
    case Literal::Kind::blob:
      return "a blob";
    case Literal::Kind::value:
      break;
  }
  return "a value";
}

/// A value for messages: SQL-literal-like, long text cut short.
std::string shown(const Value& v) {
  if (v.type() == StorageType::text && v.as_text().size() > 60) {
    return Value(v.as_text().substr(0, 57)).to_display() + "...";
  }
  if (v.type() == StorageType::blob && v.as_blob().size() > 24) {
    return fmt::format("a blob of {} bytes", v.as_blob().size());
  }
  return v.to_display();
}

/// The kind a Literal::Kind::value has, by its storage class.
Literal::Kind effective_kind(const Literal& v) {
  if (v.kind() != Literal::Kind::value) return v.kind();
  switch (v.value().type()) {
    case StorageType::null:
      return Literal::Kind::null;
    case StorageType::integer:
      return Literal::Kind::integer;
    case StorageType::real:
      return Literal::Kind::real;
    case StorageType::text:
      return Literal::Kind::text;
    case StorageType::blob:
      return Literal::Kind::blob;
  }
  return Literal::Kind::null;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string decimal_text_of_double(double d) {
  return fmt::format("{}", d);
}

}  // namespace

// --- Literal -----------------------------------------------------------------

Literal::Literal(const Date& v) : kind_(Kind::date), value_(quarry::detail::format_date(v)) {}
Literal::Literal(const TimeOfDay& v) : kind_(Kind::time), value_(quarry::detail::format_time(v)) {}
Literal::Literal(const Timestamp& v)
    : kind_(Kind::timestamp), value_(quarry::detail::format_timestamp(v)) {}
Literal::Literal(const TimestampTz& v)
    : kind_(Kind::timestamptz), value_(quarry::detail::format_timestamptz(v)) {}
Literal::Literal(Value v) : kind_(v.is_null() ? Kind::null : Kind::value), value_(std::move(v)) {}

// --- Expr --------------------------------------------------------------------

bool Expr::is_condition() const noexcept {
  return !type_ || type_->kind == TypeKind::boolean;
}

std::string Expr::describe() const {
  if (column_ && table_) return fmt::format("\"{}\".\"{}\"", table_->name, column_->name);
  if (!key_.empty()) return fmt::format("\"{}\"", key_);
  return "the expression";
}

Value Expr::checked(const Literal& v, bool writing) const {
  const Literal::Kind k = effective_kind(v);
  if (!type_ || category_of(type_->kind) == Category::any) return v.value();
  const SqlType& t = *type_;
  const std::string where = describe();
  auto fail = [&](std::string_view why) -> Value {
    throw ValueError(fmt::format("{} is {}; {}", where, type_text(t), why),
                     table_ ? table_->name : std::string(), column_ ? column_->name : key_,
                     v.value());
  };
  auto mismatch = [&]() -> Value {
    return fail(fmt::format("{} is {}", shown(v.value()), literal_kind_name(v)));
  };
  if (k == Literal::Kind::null) {
    if (writing && column_ && !column_->nullable && !column_->auto_increment) {
      return fail("it is NOT NULL and cannot be set to NULL");
    }
    return Value();
  }
  const Value& val = v.value();
  switch (t.kind) {
    case TypeKind::int16:
    case TypeKind::int32:
    case TypeKind::int64:
    case TypeKind::enum_integer:
      if (k == Literal::Kind::integer) {
        if (writing && (t.kind == TypeKind::int16 || t.kind == TypeKind::int32)) {
          std::int64_t lo = t.kind == TypeKind::int16 ? -32768 : -2147483648LL;
          std::int64_t hi = t.kind == TypeKind::int16 ? 32767 : 2147483647LL;
          if (val.as_int64() < lo || val.as_int64() > hi) {
            return fail(fmt::format("{} is out of its range ({} to {})", val.as_int64(), lo, hi));
          }
        }
        return val;
      }
      if (!writing && k == Literal::Kind::real) return val;
      if (!writing && k == Literal::Kind::decimal)
        return Value(std::strtod(val.as_text().c_str(), nullptr));
      return mismatch();
    case TypeKind::float64:
      if (k == Literal::Kind::integer || k == Literal::Kind::real) return val;
      if (k == Literal::Kind::decimal) return Value(std::strtod(val.as_text().c_str(), nullptr));
      return mismatch();
    case TypeKind::decimal: {
      std::string text;
      if (k == Literal::Kind::integer) return Value(std::to_string(val.as_int64()));
      if (k == Literal::Kind::real) {
        if (!std::isfinite(val.as_double()))
          return fail(fmt::format("{} is not a number", shown(val)));
        quarry::detail::append_canonical_decimal(text, decimal_text_of_double(val.as_double()));
        return Value(std::move(text));
      }
      if (k == Literal::Kind::decimal) return val;
      if (k == Literal::Kind::text) {
        if (!quarry::detail::append_canonical_decimal(text, val.as_text())) {
          return fail(fmt::format("{} is not a decimal number", shown(val)));
        }
        return Value(std::move(text));
      }
      return mismatch();
    }
    case TypeKind::text:
    case TypeKind::varchar:
      if (k != Literal::Kind::text) return mismatch();
      if (writing && t.kind == TypeKind::varchar && t.length > 0) {
        std::size_t n = utf8_length(val.as_text());
        if (n > static_cast<std::size_t>(t.length)) {
          return fail(fmt::format("{} has {} characters", shown(val), n));
        }
      }
      return val;
    case TypeKind::enum_text:
    case TypeKind::db_enum:
      if (k != Literal::Kind::text) return mismatch();
      if (!t.enum_values.empty()) {
        bool found = false;
        for (const auto& e : t.enum_values) found = found || e == val.as_text();
        if (!found) return fail(fmt::format("{} is not one of them", shown(val)));
      }
      return val;
    case TypeKind::boolean:
      if (k == Literal::Kind::boolean) return val;
      if (k == Literal::Kind::integer && (val.as_int64() == 0 || val.as_int64() == 1)) return val;
      return mismatch();
    case TypeKind::blob:
      if (k == Literal::Kind::blob) return val;
      return mismatch();
    case TypeKind::date: {
      Date d;
      if ((k == Literal::Kind::date || k == Literal::Kind::text) &&
          quarry::detail::parse_date(val.as_text(), d)) {
        return Value(quarry::detail::format_date(d));
      }
      if (k == Literal::Kind::text)
        return fail(fmt::format("{} is not a date (YYYY-MM-DD)", shown(val)));
      return mismatch();
    }
    case TypeKind::time: {
      TimeOfDay tod;
      if ((k == Literal::Kind::time || k == Literal::Kind::text) &&
          quarry::detail::parse_time(val.as_text(), tod)) {
        return Value(quarry::detail::format_time(tod));
      }
      if (k == Literal::Kind::text)
        return fail(fmt::format("{} is not a time (HH:MM:SS)", shown(val)));
      return mismatch();
    }
    case TypeKind::timestamp: {
      Timestamp ts;
      if ((k == Literal::Kind::timestamp || k == Literal::Kind::text) &&
          quarry::detail::parse_timestamp(val.as_text(), ts)) {
        return Value(quarry::detail::format_timestamp(ts));
      }
      if (k == Literal::Kind::text) {
        return fail(fmt::format("{} is not a timestamp (YYYY-MM-DD HH:MM:SS)", shown(val)));
      }
      return mismatch();
    }
    case TypeKind::timestamptz: {
      TimestampTz ts;
      if ((k == Literal::Kind::timestamptz || k == Literal::Kind::text) &&
          quarry::detail::parse_timestamptz(val.as_text(), ts)) {
        return Value(quarry::detail::format_timestamptz(ts));
      }
      if (k == Literal::Kind::text) {
        return fail(fmt::format("{} is not a timestamp with time zone", shown(val)));
      }
      return mismatch();
    }
    case TypeKind::uuid:
      if (k == Literal::Kind::uuid) return val;
      if (k == Literal::Kind::text) {
        try {
          return Value(Uuid::parse(val.as_text()).str());
        } catch (const UsageError&) {
          return fail(fmt::format("{} is not a UUID", shown(val)));
        }
      }
      return mismatch();
    case TypeKind::json:
      if (k == Literal::Kind::json || k == Literal::Kind::text) {
        if (quarry::detail::json_error_offset(val.as_text()) != std::string_view::npos) {
          return fail(fmt::format("{} is not a JSON document", shown(val)));
        }
        return val;
      }
      return mismatch();
    case TypeKind::interval:
    case TypeKind::array:
    case TypeKind::raw:
      return val;
  }
  return val;
}

namespace {

bool is_decimal(const std::optional<SqlType>& t) {
  return t && t->kind == TypeKind::decimal;
}

Expr::Parts parts_of(const Expr& e) {
  Expr::Parts p;
  p.node = e.to_expr();
  p.type = e.type();
  p.key = e.key();
  p.table = e.table_schema();
  p.column = e.column_schema();
  p.schema = e.schema_holder();
  return p;
}

/// A result: its node and type, keeping the Schema of `from` alive.
Expr make(sql::Expr node, std::optional<SqlType> type, const Expr& from) {
  Expr::Parts p;
  p.node = std::move(node);
  p.type = std::move(type);
  p.schema = from.schema_holder();
  return Expr(std::move(p));
}

Expr make(sql::Expr node, std::optional<SqlType> type, const Expr& a, const Expr& b) {
  Expr::Parts p;
  p.node = std::move(node);
  p.type = std::move(type);
  p.schema = a.schema_holder() ? a.schema_holder() : b.schema_holder();
  return Expr(std::move(p));
}

sql::Expr bound(const Expr& target, const Literal& v, bool writing = false) {
  return sql::value(target.checked(v, writing), is_decimal(target.type()));
}

std::string_view op_text(sql::BinaryOp op) {
  switch (op) {
    case sql::BinaryOp::eq:
      return "==";
    case sql::BinaryOp::ne:
      return "!=";
    case sql::BinaryOp::lt:
      return "<";
    case sql::BinaryOp::le:
      return "<=";
    case sql::BinaryOp::gt:
      return ">";
    case sql::BinaryOp::ge:
      return ">=";
    default:
      return "?";
  }
}

Expr compare_value(sql::BinaryOp op, const Expr& l, const Literal& r, bool literal_first) {
  if (r.is_null()) {
    if (op == sql::BinaryOp::eq) return l.is_null();
    if (op == sql::BinaryOp::ne) return l.is_not_null();
    throw UsageError(fmt::format("{} {} NULL is never true; use is_null() or is_not_null()",
                                 l.describe(), op_text(op)));
  }
  sql::Expr v = bound(l, r);
  sql::Expr node =
      literal_first ? sql::binary(op, v, l.to_expr()) : sql::binary(op, l.to_expr(), v);
  return make(std::move(node), boolean_type(), l);
}

std::string described_with_type(const Expr& e) {
  return e.type() ? fmt::format("{} ({})", e.describe(), type_text(*e.type())) : e.describe();
}

Expr compare_exprs(sql::BinaryOp op, const Expr& l, const Expr& r) {
  if (!detail::compatible(l.type(), r.type())) {
    throw UsageError(
        fmt::format("cannot compare {} with {}", described_with_type(l), described_with_type(r)));
  }
  return make(sql::binary(op, l.to_expr(), r.to_expr()), boolean_type(), l, r);
}

void require_condition(const Expr& e, std::string_view what) {
  if (!e.is_condition()) {
    throw UsageError(
        fmt::format("{} takes conditions; {} is not one", what, described_with_type(e)));
  }
}

bool numeric(const std::optional<SqlType>& t) {
  return !t || category_of(t->kind) == Category::numeric || category_of(t->kind) == Category::any;
}
bool textual(const std::optional<SqlType>& t) {
  return t && category_of(t->kind) == Category::text;
}

/// The type of a + b over numbers: the wider of the two.
std::optional<SqlType> widened(const std::optional<SqlType>& a, const std::optional<SqlType>& b) {
  if (!a || !b) return std::nullopt;
  auto rank = [](TypeKind k) {
    switch (k) {
      case TypeKind::float64:
        return 3;
      case TypeKind::decimal:
        return 2;
      default:
        return category_of(k) == Category::numeric ? 1 : 4;
    }
  };
  int r = std::max(rank(a->kind), rank(b->kind));
  if (r == 4) return std::nullopt;
  return kind_type(r == 3 ? TypeKind::float64 : r == 2 ? TypeKind::decimal : TypeKind::int64);
}

std::optional<SqlType> literal_type(const Literal& v) {
  switch (effective_kind(v)) {
    case Literal::Kind::integer:
      return kind_type(TypeKind::int64);
    case Literal::Kind::real:
      return kind_type(TypeKind::float64);
    case Literal::Kind::decimal:
      return kind_type(TypeKind::decimal);
    case Literal::Kind::text:
      return kind_type(TypeKind::text);
    case Literal::Kind::boolean:
      return kind_type(TypeKind::boolean);
    case Literal::Kind::uuid:
      return kind_type(TypeKind::uuid);
    case Literal::Kind::date:
      return kind_type(TypeKind::date);
    case Literal::Kind::time:
      return kind_type(TypeKind::time);
    case Literal::Kind::timestamp:
      return kind_type(TypeKind::timestamp);
    case Literal::Kind::timestamptz:
      return kind_type(TypeKind::timestamptz);
    case Literal::Kind::json:
      return kind_type(TypeKind::json);
    case Literal::Kind::blob:
      return kind_type(TypeKind::blob);
    default:
      return std::nullopt;
  }
}

Expr arithmetic_exprs(sql::BinaryOp op, const Expr& l, const Expr& r) {
  if (op == sql::BinaryOp::add && (textual(l.type()) || textual(r.type()))) {
    if (!textual(l.type()) && l.type() && category_of(l.type()->kind) != Category::any) {
      throw UsageError(fmt::format("cannot concatenate {} with {}", described_with_type(l),
                                   described_with_type(r)));
    }
    if (!textual(r.type()) && r.type() && category_of(r.type()->kind) != Category::any) {
      throw UsageError(fmt::format("cannot concatenate {} with {}", described_with_type(l),
                                   described_with_type(r)));
    }
    return make(sql::binary(sql::BinaryOp::concat, l.to_expr(), r.to_expr()),
                kind_type(TypeKind::text), l, r);
  }
  if (!numeric(l.type()) || !numeric(r.type())) {
    throw UsageError(fmt::format("arithmetic needs numbers; {} and {} are not both numbers",
                                 described_with_type(l), described_with_type(r)));
  }
  return make(sql::binary(op, l.to_expr(), r.to_expr()), widened(l.type(), r.type()), l, r);
}

/// A literal operand of arithmetic: a number (or text for concatenation).
Expr arithmetic_operand(const Expr& other, const Literal& v) {
  if (v.is_null()) {
    throw UsageError(
        fmt::format("arithmetic with NULL on {} is always NULL", described_with_type(other)));
  }
  Literal::Kind k = effective_kind(v);
  bool number =
      k == Literal::Kind::integer || k == Literal::Kind::real || k == Literal::Kind::decimal;
  if (textual(other.type())
          ? k != Literal::Kind::text
          : !number && other.type() && category_of(other.type()->kind) != Category::any) {
    throw ValueError(
        fmt::format("cannot compute with {} and {}: it is {}", described_with_type(other),
                    shown(v.value()), literal_kind_name(v)),
        other.table_schema() ? other.table_schema()->name : std::string(),
        other.column_schema() ? other.column_schema()->name : other.key(), v.value());
  }
  return make(sql::value(v.value(), k == Literal::Kind::decimal), literal_type(v), other);
}

}  // namespace

Expr Expr::as(std::string name) const {
  Parts p = parts_of(*this);
  p.node = sql::alias(node_, name);
  p.key = std::move(name);
  p.column = nullptr;
  p.table = nullptr;
  return Expr(std::move(p));
}
Expr Expr::is_null() const {
  return make(sql::unary(sql::UnaryOp::is_null, node_), boolean_type(), *this);
}
Expr Expr::is_not_null() const {
  return make(sql::unary(sql::UnaryOp::is_not_null, node_), boolean_type(), *this);
}

namespace {
Expr pattern(sql::BinaryOp op, const Expr& e, const Literal& p) {
  if (e.type() && !textual(e.type()) && category_of(e.type()->kind) != Category::any) {
    throw UsageError(fmt::format("like() needs text; {} is not text", described_with_type(e)));
  }
  if (effective_kind(p) != Literal::Kind::text) {
    throw ValueError(fmt::format("the pattern for {} must be text; {} is {}", e.describe(),
                                 shown(p.value()), literal_kind_name(p)),
                     e.table_schema() ? e.table_schema()->name : std::string(),
                     e.column_schema() ? e.column_schema()->name : e.key(), p.value());
  }
  return make(sql::binary(op, e.to_expr(), sql::value(p.value())), boolean_type(), e);
}

Expr in_values(const Expr& e, const std::vector<Literal>& values, bool negated) {
  std::vector<sql::Expr> items;
  items.reserve(values.size());
  for (const auto& v : values) {
    if (v.is_null()) {
      throw UsageError(fmt::format(
          "in_() of {} with a NULL never matches it; add || is_null() instead", e.describe()));
    }
    items.push_back(bound(e, v));
  }
  return make(sql::in_list(e.to_expr(), std::move(items), negated), boolean_type(), e);
}
}  // namespace

Expr Expr::like(const Literal& p) const {
  return pattern(sql::BinaryOp::like, *this, p);
}
Expr Expr::not_like(const Literal& p) const {
  return pattern(sql::BinaryOp::not_like, *this, p);
}
Expr Expr::ilike(const Literal& p) const {
  return pattern(sql::BinaryOp::ilike, *this, p);
}
Expr Expr::not_ilike(const Literal& p) const {
  return pattern(sql::BinaryOp::not_ilike, *this, p);
}
Expr Expr::between(const Literal& low, const Literal& high) const {
  return make(sql::between(node_, bound(*this, low), bound(*this, high), false), boolean_type(),
              *this);
}
Expr Expr::not_between(const Literal& low, const Literal& high) const {
  return make(sql::between(node_, bound(*this, low), bound(*this, high), true), boolean_type(),
              *this);
}
Expr Expr::in_(const std::vector<Literal>& values) const {
  return in_values(*this, values, false);
}
Expr Expr::not_in(const std::vector<Literal>& values) const {
  return in_values(*this, values, true);
}

// --- Operators ---------------------------------------------------------------

#define QUARRY_DYN_COMPARISON(op, code)                     \
  Expr operator op(const Expr& l, const Literal& r) {       \
    return compare_value(sql::BinaryOp::code, l, r, false); \
  }                                                         \
  Expr operator op(const Expr& l, const Expr& r) {          \
    return compare_exprs(sql::BinaryOp::code, l, r);        \
  }
QUARRY_DYN_COMPARISON(==, eq)
QUARRY_DYN_COMPARISON(!=, ne)
QUARRY_DYN_COMPARISON(<, lt)
QUARRY_DYN_COMPARISON(<=, le)
QUARRY_DYN_COMPARISON(>, gt)
QUARRY_DYN_COMPARISON(>=, ge)
#undef QUARRY_DYN_COMPARISON

// A literal on the left keeps its place in the SQL (5 < x stays 5 < x).
Expr operator==(const Literal& l, const Expr& r) {
  return compare_value(sql::BinaryOp::eq, r, l, true);
}
Expr operator!=(const Literal& l, const Expr& r) {
  return compare_value(sql::BinaryOp::ne, r, l, true);
}
Expr operator<(const Literal& l, const Expr& r) {
  return compare_value(sql::BinaryOp::lt, r, l, true);
}
Expr operator<=(const Literal& l, const Expr& r) {
  return compare_value(sql::BinaryOp::le, r, l, true);
}
Expr operator>(const Literal& l, const Expr& r) {
  return compare_value(sql::BinaryOp::gt, r, l, true);
}
Expr operator>=(const Literal& l, const Expr& r) {
  return compare_value(sql::BinaryOp::ge, r, l, true);
}

Expr operator&&(const Expr& l, const Expr& r) {
  require_condition(l, "&&");
  require_condition(r, "&&");
  return make(sql::binary(sql::BinaryOp::logical_and, l.to_expr(), r.to_expr()), boolean_type(), l,
              r);
}
Expr operator||(const Expr& l, const Expr& r) {
  require_condition(l, "||");
  require_condition(r, "||");
  return make(sql::binary(sql::BinaryOp::logical_or, l.to_expr(), r.to_expr()), boolean_type(), l,
              r);
}
Expr operator!(const Expr& x) {
  require_condition(x, "!");
  return make(sql::unary(sql::UnaryOp::logical_not, x.to_expr()), boolean_type(), x);
}

#define QUARRY_DYN_ARITHMETIC(op, code)                                        \
  Expr operator op(const Expr& l, const Literal& r) {                          \
    return arithmetic_exprs(sql::BinaryOp::code, l, arithmetic_operand(l, r)); \
  }                                                                            \
  Expr operator op(const Literal& l, const Expr& r) {                          \
    return arithmetic_exprs(sql::BinaryOp::code, arithmetic_operand(r, l), r); \
  }                                                                            \
  Expr operator op(const Expr& l, const Expr& r) {                             \
    return arithmetic_exprs(sql::BinaryOp::code, l, r);                        \
  }
QUARRY_DYN_ARITHMETIC(+, add)
QUARRY_DYN_ARITHMETIC(-, sub)
QUARRY_DYN_ARITHMETIC(*, mul)
QUARRY_DYN_ARITHMETIC(/, div)
QUARRY_DYN_ARITHMETIC(%, mod)
#undef QUARRY_DYN_ARITHMETIC

Expr operator-(const Expr& x) {
  if (!numeric(x.type())) {
    throw UsageError(
        fmt::format("unary minus needs a number; {} is not one", described_with_type(x)));
  }
  return make(sql::unary(sql::UnaryOp::negate, x.to_expr()), x.type(), x);
}

// --- Functions ---------------------------------------------------------------

Expr count() {
  return make(sql::function("count", {sql::star()}), kind_type(TypeKind::int64), Expr());
}
Expr count(const Expr& x) {
  return make(sql::function("count", {x.to_expr()}), kind_type(TypeKind::int64), x);
}
Expr count_distinct(const Expr& x) {
  return make(sql::function("count", {x.to_expr()}, true), kind_type(TypeKind::int64), x);
}
Expr sum(const Expr& x) {
  if (!numeric(x.type())) {
    throw UsageError(fmt::format("sum() needs a number; {} is not one", described_with_type(x)));
  }
  bool integral = x.type() && x.type()->kind != TypeKind::float64 &&
                  x.type()->kind != TypeKind::decimal &&
                  category_of(x.type()->kind) == Category::numeric;
  std::optional<SqlType> type = x.type();
  if (integral) type = kind_type(TypeKind::int64);
  return make(sql::function("sum", {x.to_expr()}, false,
                            integral ? sql::ResultCast::integer : sql::ResultCast::none),
              type, x);
}
Expr avg(const Expr& x) {
  if (!numeric(x.type())) {
    throw UsageError(fmt::format("avg() needs a number; {} is not one", described_with_type(x)));
  }
  return make(sql::function("avg", {x.to_expr()}, false, sql::ResultCast::floating),
              kind_type(TypeKind::float64), x);
}
Expr min(const Expr& x) {
  return make(sql::function("min", {x.to_expr()}), x.type(), x);
}
Expr max(const Expr& x) {
  return make(sql::function("max", {x.to_expr()}), x.type(), x);
}
Expr lower(const Expr& x) {
  if (x.type() && !textual(x.type())) {
    throw UsageError(fmt::format("lower() needs text; {} is not text", described_with_type(x)));
  }
  return make(sql::function("lower", {x.to_expr()}), kind_type(TypeKind::text), x);
}
Expr upper(const Expr& x) {
  if (x.type() && !textual(x.type())) {
    throw UsageError(fmt::format("upper() needs text; {} is not text", described_with_type(x)));
  }
  return make(sql::function("upper", {x.to_expr()}), kind_type(TypeKind::text), x);
}
Expr coalesce(const Expr& x, const Literal& fallback) {
  return make(sql::function("coalesce", {x.to_expr(), bound(x, fallback)}), x.type(), x);
}
Expr constant(const Literal& v) {
  return make(sql::value(v.value(), effective_kind(v) == Literal::Kind::decimal), literal_type(v),
              Expr());
}
Expr raw(std::string sql_text, const std::vector<Literal>& params) {
  std::vector<Value> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.value());
  return Expr(sql::raw(std::move(sql_text), std::move(values)));
}

// --- Tables and columns ------------------------------------------------------

Table::Table(std::shared_ptr<const quarry::Schema> schema, std::string_view name)
    : schema_(std::move(schema)) {
  if (!schema_) throw UsageError("dyn::Table needs a Schema");
  table_ = &schema_->table(name);
}

Table::Table(const quarry::Schema& schema, std::string_view name)
    : Table(std::shared_ptr<const quarry::Schema>(&schema, [](const quarry::Schema*) {}), name) {}

Column Table::column(std::string_view column_name) const {
  const ColumnSchema& c = table_->column(column_name);
  Expr::Parts p;
  const bool decimal = c.type.kind == TypeKind::decimal;
  p.node = sql::column(table_->name, c.name, path_, decimal);
  p.type = c.type;
  p.key = (path_ ? path_->key_prefix : std::string()) + c.name;
  p.table = table_;
  p.column = &c;
  p.schema = schema_;
  return Column(std::move(p), path_);
}

std::vector<Column> Table::columns() const {
  std::vector<Column> out;
  out.reserve(table_->columns.size());
  for (const auto& c : table_->columns) out.push_back(column(c.name));
  return out;
}

std::vector<Column> Table::primary_key() const {
  std::vector<Column> out;
  for (const auto& name : table_->primary_key) out.push_back(column(name));
  return out;
}

Table Column::table() const {
  return Table(schema_, table_, path_);
}

Table Column::follow() const {
  const ForeignKey* found = nullptr;
  for (const auto& fk : table_->foreign_keys) {
    if (fk.columns.size() == 1 && fk.columns[0] == column_->name) found = &fk;
  }
  if (!found) {
    std::vector<std::string> keys;
    for (const auto& fk : table_->foreign_keys) {
      if (fk.columns.size() == 1) keys.push_back(fk.columns[0]);
    }
    throw UsageError(fmt::format(
        "{} is not a foreign key, so follow() has nowhere to go; the single-column foreign keys "
        "of \"{}\" are: {}",
        describe(), table_->name,
        keys.empty() ? "none" : fmt::format("{}", fmt::join(keys, ", "))));
  }
  const TableSchema& target = schema_->table(found->ref_table);
  (void)target.column(found->ref_columns.at(0));  // the referenced column must exist
  std::string_view root =
      path_ ? std::string_view(path_->root_table) : std::string_view(table_->name);
  const sql::JoinPath* next =
      sql::intern_join_path(path_, root, column_->name, target.name, found->ref_columns[0]);
  return Table(schema_, &target, next);
}

Expr Column::excluded() const {
  Parts p;
  p.node = sql::column("excluded", column_->name, nullptr, column_->type.kind == TypeKind::decimal);
  p.type = column_->type;
  p.key = column_->name;
  p.schema = schema_;
  return Expr(std::move(p));
}

Literal Column::parse(std::string_view text) const {
  auto fail = [&](std::string_view expected) -> Literal {
    throw ValueError(fmt::format("{} is {}; {} is not {}", describe(), type_text(column_->type),
                                 shown(Value(std::string(text))), expected),
                     table_->name, column_->name, Value(std::string(text)));
  };
  switch (column_->type.kind) {
    case TypeKind::int16:
    case TypeKind::int32:
    case TypeKind::int64:
    case TypeKind::enum_integer: {
      long long v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
        return fail("an integer");
      }
      return Literal(v);
    }
    case TypeKind::float64: {
      std::string s(text);
      char* end = nullptr;
      double v = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) return fail("a number");
      return Literal(v);
    }
    case TypeKind::boolean: {
      std::string s;
      for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (s == "true" || s == "t" || s == "1" || s == "yes" || s == "on") return Literal(true);
      if (s == "false" || s == "f" || s == "0" || s == "no" || s == "off") return Literal(false);
      return fail("a boolean (true/false, t/f, 1/0, yes/no, on/off)");
    }
    case TypeKind::blob:
      return fail("binary data (give a Blob)");
    default:
      return Literal(std::string(text));
  }
}

Schema::Schema(std::shared_ptr<const quarry::Schema> schema) : schema_(std::move(schema)) {
  if (!schema_) throw UsageError("dyn::Schema needs a Schema");
}
Schema::Schema(quarry::Schema schema)
    : schema_(std::make_shared<const quarry::Schema>(std::move(schema))) {}

}  // namespace quarry::dyn
