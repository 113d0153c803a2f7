// Converting Quarry's values into libpq's parameter arrays (see pg_params.hpp
// for the choice of formats and types).
#include "driver/postgresql/pg_params.hpp"

#include "array_text.hpp"

#include <quarry/error.hpp>

#include <fmt/format.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>

namespace quarry::detail {

namespace {

constexpr Oid bytea_oid = 17;

/// The protocol counts parameters in 16 bits.
constexpr std::size_t max_params = 65535;

}  // namespace

void PgParams::clear(std::string_view sql) {
  sql_ = sql;
  used_ = 0;  // slot() resets each slot as it is used again
}

PgParams::Slot& PgParams::slot(std::size_t index) {
  if (index >= max_params) {
    throw UsageError(fmt::format(
        "parameter ${} is beyond PostgreSQL's limit of {} parameters per statement\nin: {}",
        index + 1, max_params, sql_));
  }
  if (index >= slots_.size()) slots_.resize(index + 1);
  while (used_ <= index) {
    Slot& s = slots_[used_++];  // NULL until bound: a gap left unbound is NULL
    s.type = 0;
    s.format = 0;
    s.is_null = true;
    s.uses_own = false;
    s.data = nullptr;
    s.length = 0;
  }
  return slots_[index];
}

void PgParams::check_text(std::size_t index, std::string_view v) const {
  if (std::memchr(v.data(), '\0', v.size()) != nullptr) {
    throw UsageError(fmt::format(
        "text parameter ${} holds a NUL byte, which PostgreSQL text cannot store; bind binary "
        "data as a Blob (bytea)\nin: {}",
        index + 1, sql_));
  }
  if (v.size() > static_cast<std::size_t>(INT_MAX)) {
    throw UsageError(fmt::format("text parameter ${} is 2 GB or longer\nin: {}", index + 1, sql_));
  }
}

void PgParams::bind_null(std::size_t index) {
  Slot& s = slot(index);
  s.is_null = true;
  s.uses_own = false;
  s.type = 0;
  s.format = 0;
}

void PgParams::bind_int64(std::size_t index, std::int64_t v) {
  Slot& s = slot(index);
  s.own.resize(24);
  const auto r = std::to_chars(s.own.data(), s.own.data() + s.own.size(), v);
  s.own.resize(static_cast<std::size_t>(r.ptr - s.own.data()));
  s.is_null = false;
  s.uses_own = true;
  s.type = 0;
  s.format = 0;
}

void PgParams::bind_double(std::size_t index, double v) {
  Slot& s = slot(index);
  // PostgreSQL's spellings, which both float8 and numeric accept.
  if (std::isnan(v)) {
    s.own = "NaN";
  } else if (std::isinf(v)) {
    s.own = v > 0 ? "Infinity" : "-Infinity";
  } else {
    s.own.resize(32);
    // The shortest text that reads back as the same double.
    const auto r = std::to_chars(s.own.data(), s.own.data() + s.own.size(), v);
    s.own.resize(static_cast<std::size_t>(r.ptr - s.own.data()));
  }
  s.is_null = false;
  s.uses_own = true;
  s.type = 0;
  s.format = 0;
}

void PgParams::bind_text(std::size_t index, std::string_view v) {
  bind_text_copy(index, v);  // libpq reads text up to a NUL: a view must be copied
}

void PgParams::bind_text_copy(std::size_t index, std::string_view v) {
  check_text(index, v);
  Slot& s = slot(index);
  s.own.assign(v.data(), v.size());
  s.is_null = false;
  s.uses_own = true;
  s.type = 0;
  s.format = 0;
}

void PgParams::bind_blob(std::size_t index, std::span<const std::byte> v) {
  if (v.size() > static_cast<std::size_t>(INT_MAX)) {
    throw UsageError(fmt::format("blob parameter ${} is 2 GB or longer\nin: {}", index + 1, sql_));
  }
  Slot& s = slot(index);
  // A null pointer would send NULL: an empty blob points at "" instead.
  s.data = v.empty() ? "" : reinterpret_cast<const char*>(v.data());
  s.length = static_cast<int>(v.size());
  s.is_null = false;
  s.uses_own = false;
  s.type = bytea_oid;
  s.format = 1;
}

void PgParams::bind_array(std::size_t index, std::string_view json) {
  std::string literal;
  if (!json_array_to_pg_literal(json, literal)) {
    throw UsageError(
        fmt::format("array parameter ${} is not a flat JSON array\nin: {}", index + 1, sql_));
  }
  bind_text_copy(index, literal);
}

void PgParams::bind_value(std::size_t index, const Value& v) {
  if (v.is_array()) return bind_array(index, v.as_text());
  switch (v.type()) {
    case StorageType::null:
      bind_null(index);
      break;
    case StorageType::integer:
      bind_int64(index, v.as_int64());
      break;
    case StorageType::real:
      bind_double(index, v.as_double());
      break;
    case StorageType::text: {
      const std::string& text = v.as_text();  // NUL-terminated: no copy needed
      check_text(index, text);
      Slot& s = slot(index);
      s.data = text.c_str();
      s.length = static_cast<int>(text.size());
      s.is_null = false;
      s.uses_own = false;
      s.type = 0;
      s.format = 0;
      break;
    }
    case StorageType::blob:
      bind_blob(index, v.as_blob());
      break;
  }
}

void PgParams::bind_all(std::span<const Value> values, std::string_view sql) {
  clear(sql);
  for (std::size_t i = 0; i < values.size(); ++i) bind_value(i, values[i]);
  finish();
}

void PgParams::finish() {
  types_.resize(used_);
  values_.resize(used_);
  lengths_.resize(used_);
  formats_.resize(used_);
  for (std::size_t i = 0; i < used_; ++i) {
    const Slot& s = slots_[i];
    types_[i] = s.type;
    formats_[i] = s.format;
    if (s.is_null) {
      values_[i] = nullptr;
      lengths_[i] = 0;
    } else if (s.uses_own) {
      values_[i] = s.own.c_str();
      lengths_[i] = static_cast<int>(s.own.size());
    } else {
      values_[i] = s.data;
      lengths_[i] = s.length;
    }
  }
}

}  // namespace quarry::detail
