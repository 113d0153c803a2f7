// copy_into(...): the row structs of a bulk load as a CopySource (their
// members bound through MemberOps, once per row, in column order), and the
// COPY statement's columns with their wire types from the model's schema.
#include <quarry/query/copy.hpp>

#include "driver/copy_writer.hpp"

#include <optional>
#include <vector>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/schema/schema.hpp>
#include <quarry/sql/dialect.hpp>

namespace quarry::detail {

namespace {

class ContiguousCursor final : public CopyCursor {
 public:
  ContiguousCursor(const unsigned char* rows, std::size_t count, std::size_t row_size) noexcept
      : at_(rows), end_(rows + count * row_size), row_size_(row_size) {}
  const void* next() override {
    if (at_ == end_) return nullptr;
    const void* row = at_;
    at_ += row_size_;
    return row;
  }

 private:
  const unsigned char* at_;
  const unsigned char* end_;
  std::size_t row_size_;
};

std::optional<CopyType> copy_type_of(const SqlType& t) {
  switch (t.kind) {
    case TypeKind::int16:
      return CopyType::int16;
    case TypeKind::int32:
      return CopyType::int32;
    case TypeKind::int64:
      return CopyType::int64;
    case TypeKind::float64:
      return CopyType::float64;
    case TypeKind::decimal:
      return CopyType::decimal;
    case TypeKind::text:
    case TypeKind::varchar:
    case TypeKind::enum_text:
    case TypeKind::db_enum:  // an enum's binary form is its label
      return CopyType::text;
    case TypeKind::boolean:
      return CopyType::boolean;
    case TypeKind::blob:
      return CopyType::blob;
    case TypeKind::date:
      return CopyType::date;
    case TypeKind::time:
      return CopyType::time;
    case TypeKind::timestamp:
      return CopyType::timestamp;
    case TypeKind::timestamptz:
      return CopyType::timestamptz;
    case TypeKind::uuid:
      return CopyType::uuid;
    case TypeKind::json:
      // jsonb is what Quarry's DDL creates unless the model asks for plain
      // json, whose binary form is the text itself.
      return t.plain_json ? CopyType::text : CopyType::jsonb;
    case TypeKind::enum_integer:
      return CopyType::int32;  // INTEGER in Quarry's DDL
    case TypeKind::interval:
    case TypeKind::array:
    case TypeKind::raw:
      break;
  }
  return std::nullopt;
}

/// Which members a load writes: all, but an auto-increment key that the
/// first row leaves at 0 is left to the database (every row must agree).
struct CopyPlan {
  std::vector<CopyColumn> columns;
  std::vector<bool> included;  // per member
  std::vector<bool> auto_key;  // per member
  std::optional<bool> keys_given;
  CopyStatement statement(std::string_view table) const { return {table, columns}; }
};

CopyPlan make_plan(const ModelInfo& model, const void* first_row) {
  const TableSchema& schema = model.schema();
  CopyPlan plan;
  const std::size_t n = model.column_names.size();
  plan.included.assign(n, true);
  plan.auto_key.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const ColumnSchema* c = schema.find_column(model.column_names[i]);
    if (c != nullptr && c->auto_increment) plan.auto_key[i] = true;
  }
  if (first_row != nullptr) {
    struct FirstRow final : MemberVisitor {
      CopyPlan& plan;
      explicit FirstRow(CopyPlan& p) : plan(p) {}
      void visit(std::size_t i, const void* member, const MemberOps& ops) override {
        if (plan.auto_key[i] && ops.integral) {
          plan.keys_given = ops.get_integer(member) != 0;
          plan.included[i] = *plan.keys_given;
        }
      }
    } v(plan);
    model.visit(first_row, v);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!plan.included[i]) continue;
    const ColumnSchema* c = schema.find_column(model.column_names[i]);
    const std::optional<CopyType> type = c ? copy_type_of(c->type) : std::nullopt;
    if (!type) {
      throw UsageError(fmt::format(
          "a bulk load cannot write column \"{}\" of table \"{}\" (type {}) yet; use insert()",
          model.column_names[i], model.sql_name,
          c ? std::string(type_kind_name(c->type.kind)) : "unknown"));
    }
    plan.columns.push_back({model.column_names[i], *type});
  }
  return plan;
}

/// The row structs as the driver pulls them: one visit per row, each
/// included member bound into its column's position. A Timestamp member goes
/// to a driver's CopyWriter as it is, not as text (recognised by its
/// MemberOps, one object per member type).
class ModelCopySource final : public CopySource, MemberVisitor {
 public:
  ModelCopySource(const ModelInfo& model, const CopyPlan& plan, const CopyRows& rows)
      : model_(model), plan_(plan), cursor_(rows.cursor()), size_(rows.size()) {
    const std::size_t n = model.column_names.size();
    action_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      action_[i] = plan.auto_key[i] && plan.keys_given ? Action::check_key
                   : plan.included[i]                  ? Action::bind
                                                       : Action::skip;
    }
  }

  std::size_t size() const override { return size_; }
  bool next(ParamWriter& out) override {
    const void* row = cursor_->next();
    if (row == nullptr) return false;
    if (&out != out_) {  // once per load: the driver passes the same writer
      out_ = &out;
      typed_ = dynamic_cast<CopyWriter*>(&out);
    }
    position_ = 0;
    model_.visit(row, *this);
    ++row_;
    return true;
  }

 private:
  enum class Action : std::uint8_t { bind, skip, check_key };

  void visit(std::size_t i, const void* member, const MemberOps& ops) override {
    switch (action_[i]) {
      case Action::bind:
        break;
      case Action::skip:
        return;
      case Action::check_key:
        check_key(i, member, ops);
        if (!plan_.included[i]) return;
        break;
    }
    if (typed_ != nullptr) {
      if (&ops == &member_ops<Timestamp>) {
        typed_->bind_timestamp(position_++, *static_cast<const Timestamp*>(member));
        return;
      }
      if (&ops == &member_ops<std::optional<Timestamp>>) {
        const auto& v = *static_cast<const std::optional<Timestamp>*>(member);
        if (v) {
          typed_->bind_timestamp(position_++, *v);
        } else {
          typed_->bind_null(position_++);
        }
        return;
      }
    }
    ops.bind(*out_, position_++, member);
  }

  void check_key(std::size_t i, const void* member, const MemberOps& ops) const {
    if (ops.integral) {
      const bool given = ops.get_integer(member) != 0;
      if (given != *plan_.keys_given) {
        throw UsageError(fmt::format(
            "bulk load into \"{}\" at row {} (0-based), column \"{}\": the first row {} the "
            "auto-increment key, this one {}; give it in every row or in none; nothing was "
            "inserted",
            model_.sql_name, row_, model_.column_names[i],
            *plan_.keys_given ? "gives" : "leaves 0 in", given ? "gives it" : "leaves it 0"));
      }
    }
  }

  const ModelInfo& model_;
  const CopyPlan& plan_;
  std::unique_ptr<CopyCursor> cursor_;
  std::size_t size_;
  std::vector<Action> action_;  // per member
  ParamWriter* out_ = nullptr;
  CopyWriter* typed_ = nullptr;  // out_, when it takes typed values
  std::size_t position_ = 0;
  std::size_t row_ = 0;
};

}  // namespace

std::unique_ptr<CopyCursor> ContiguousCopyRows::cursor() const {
  return std::make_unique<ContiguousCursor>(rows_, count_, row_size_);
}

namespace {

/// The plan from the first row (read through a cursor of its own, so that a
/// range is walked from its start again by the load).
CopyPlan plan_for(const ModelInfo& model, const CopyRows* rows) {
  if (rows == nullptr || rows->size() == 0) return make_plan(model, nullptr);
  const std::unique_ptr<CopyCursor> peek = rows->cursor();
  return make_plan(model, peek->next());
}

}  // namespace

Task<std::int64_t> CopyBase::run(Session& s) const {
  return run_async(s, *this);
}

Task<std::int64_t> CopyBase::run_async(Session& s, CopyBase self) {
  if (!self.rows_ || self.rows_->size() == 0) co_return 0;
  const CopyPlan plan = plan_for(*self.model_, self.rows_.get());
  ModelCopySource source(*self.model_, plan, *self.rows_);
  const CopyStatement copy = plan.statement(self.model_->sql_name);
  co_return co_await s.copy_in(copy, source);
}

std::int64_t CopyBase::run_sync(Session& s) const {
  if (!rows_ || rows_->size() == 0) return 0;
  const CopyPlan plan = plan_for(*model_, rows_.get());
  ModelCopySource source(*model_, plan, *rows_);
  return s.copy_in_sync(plan.statement(model_->sql_name), source);
}

std::string CopyBase::sql(const sql::Dialect& d) const {
  const CopyPlan plan = plan_for(*model_, rows_.get());
  std::string out =
      d.placeholder_style == sql::PlaceholderStyle::dollar_number ? "COPY " : "INSERT INTO ";
  d.quote_identifier(out, model_->sql_name);
  out += " (";
  for (std::size_t i = 0; i < plan.columns.size(); ++i) {
    if (i) out += ", ";
    d.quote_identifier(out, plan.columns[i].name);
  }
  if (d.placeholder_style == sql::PlaceholderStyle::dollar_number) {
    out += ") FROM STDIN (FORMAT binary)";
    return out;
  }
  out += ") VALUES (";
  for (std::size_t i = 0; i < plan.columns.size(); ++i) {
    if (i) out += ", ";
    d.placeholder(out, i);
  }
  out += ")";
  return out;
}

}  // namespace quarry::detail
