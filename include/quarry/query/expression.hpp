// The typed expression layer: a thin compile-time shell over sql::Expr that
// knows each expression's C++ type, so that `band.popularity > "x"` does not
// compile (with a one-sentence static_assert) while `band.popularity > 10`
// builds the same tree the dynamic API builds.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <quarry/query/types.hpp>
#include <quarry/sql/expr.hpp>
#include <quarry/sql/statement.hpp>

namespace quarry {

template <class T>
class TypedExpr;

namespace detail {

/// Marks the typed-expression types (TypedExpr, Column).
struct ExpressionTag {};

template <class X>
concept Expression = std::is_base_of_v<ExpressionTag, std::remove_cvref_t<X>>;

/// The C++ type of what an operand stands for: an expression's value type,
/// or the operand's own type for plain values (string literals are strings).
template <class X>
struct operand_type {
  using type = std::remove_cvref_t<X>;
};
template <Expression X>
struct operand_type<X> {
  using type = typename std::remove_cvref_t<X>::value_type;
};
template <std::size_t N>
struct operand_type<char[N]> {
  using type = std::string;
};
template <std::size_t N>
struct operand_type<const char[N]> {
  using type = std::string;
};
template <>
struct operand_type<const char*> {
  using type = std::string;
};
template <>
struct operand_type<std::string_view> {
  using type = std::string;
};
template <class X>
using operand_t = unwrap_optional_t<typename operand_type<std::remove_cvref_t<X>>::type>;

template <class T>
constexpr TypeCategory category_of() {
  if constexpr (std::is_same_v<T, int> || std::is_same_v<T, long> || std::is_same_v<T, long long> ||
                std::is_same_v<T, short> || std::is_same_v<T, unsigned> ||
                std::is_same_v<T, float>) {
    return TypeCategory::numeric;  // plain literals such as 10 or 2.5f
  } else {
    static_assert(SqlTraits<T>::supported,
                  "quarry: this C++ type has no SQL mapping (see docs/declaring-tables.md for the "
                  "supported types)");
    return SqlTraits<T>::category;
  }
}

template <class A, class B>
constexpr bool comparable() {
  constexpr TypeCategory a = category_of<A>();
  constexpr TypeCategory b = category_of<B>();
  if constexpr (a == TypeCategory::enumeration || b == TypeCategory::enumeration) {
    return std::is_same_v<A, B>;
  } else {
    return a == b;
  }
}

/// The value bound for a plain operand.
template <class V>
Value literal_value(const V& v) {
  using D = std::remove_cvref_t<V>;
  if constexpr (std::is_same_v<D, std::string_view>) {
    return Value(std::string(v));
  } else if constexpr (std::is_convertible_v<const V&, const char*>) {
    return Value(std::string(v));
  } else if constexpr (std::is_integral_v<D> && !std::is_same_v<D, bool>) {
    return Value(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_floating_point_v<D>) {
    return Value(static_cast<double>(v));
  } else {
    return to_value(v);
  }
}

/// Any operand as an expression node: expressions as they are, plain values
/// as bound parameters (never spliced into the SQL text).
template <class X>
sql::Expr to_expr(const X& x) {
  if constexpr (Expression<X>) {
    return x.to_expr();
  } else {
    return sql::value(literal_value(x), std::is_same_v<operand_t<X>, Decimal>);
  }
}

template <class L, class R>
TypedExpr<bool> compare(sql::BinaryOp op, const L& l, const R& r);

}  // namespace detail

namespace detail {

/// The operations every typed expression and column offers.
template <class Derived, class T>
class ExprOps : public ExpressionTag {
 public:
  using value_type = T;
  using base_type = unwrap_optional_t<T>;

  sql::OrderItem asc() const { return {self().to_expr(), false}; }
  sql::OrderItem desc() const { return {self().to_expr(), true}; }
  auto as(std::string name) const {
    return TypedExpr<T>(sql::alias(self().to_expr(), std::move(name)));
  }
  auto is_null() const {
    return TypedExpr<bool>(sql::unary(sql::UnaryOp::is_null, self().to_expr()));
  }
  auto is_not_null() const {
    return TypedExpr<bool>(sql::unary(sql::UnaryOp::is_not_null, self().to_expr()));
  }

  template <class P>
  auto like(const P& pattern) const {
    return pattern_op(sql::BinaryOp::like, pattern);
  }
  template <class P>
  auto not_like(const P& pattern) const {
    return pattern_op(sql::BinaryOp::not_like, pattern);
  }
  /// Case-insensitive LIKE (ILIKE on PostgreSQL, lower() LIKE lower() on SQLite).
  template <class P>
  auto ilike(const P& pattern) const {
    return pattern_op(sql::BinaryOp::ilike, pattern);
  }
  template <class P>
  auto not_ilike(const P& pattern) const {
    return pattern_op(sql::BinaryOp::not_ilike, pattern);
  }

  template <class L, class H>
  auto between(const L& low, const H& high) const {
    static_assert(comparable<base_type, operand_t<L>>() && comparable<base_type, operand_t<H>>(),
                  "quarry: between() bounds must have the column's type");
    return TypedExpr<bool>(sql::between(self().to_expr(), to_expr(low), to_expr(high), false));
  }

  /// IN (values...). An empty list is always false.
  template <class V>
  auto in_(const std::vector<V>& values) const {
    return in_list(values, false);
  }
  template <class V>
  auto in_(std::initializer_list<V> values) const {
    return in_list(std::vector<V>(values), false);
  }
  template <class V>
  auto not_in(const std::vector<V>& values) const {
    return in_list(values, true);
  }
  template <class V>
  auto not_in(std::initializer_list<V> values) const {
    return in_list(std::vector<V>(values), true);
  }
  /// IN (subquery): anything with a `statement()` (a Select).
  template <class Q>
  requires requires(const Q& q) { q.statement(); }
  auto in_(const Q& query) const {
    return TypedExpr<bool>(sql::in_select(self().to_expr(), query.shared_statement(), false));
  }
  template <class Q>
  requires requires(const Q& q) { q.statement(); }
  auto not_in(const Q& query) const {
    return TypedExpr<bool>(sql::in_select(self().to_expr(), query.shared_statement(), true));
  }

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }

  template <class P>
  auto pattern_op(sql::BinaryOp op, const P& pattern) const {
    static_assert(category_of<base_type>() == TypeCategory::text &&
                      category_of<operand_t<P>>() == TypeCategory::text,
                  "quarry: like/ilike compare text columns with text patterns");
    return TypedExpr<bool>(sql::binary(op, self().to_expr(), to_expr(pattern)));
  }

  template <class V>
  auto in_list(const std::vector<V>& values, bool negated) const {
    static_assert(comparable<base_type, operand_t<V>>(),
                  "quarry: in_() values must have the column's type");
    std::vector<sql::Expr> items;
    items.reserve(values.size());
    for (const auto& v : values) items.push_back(to_expr(v));
    return TypedExpr<bool>(sql::in_list(self().to_expr(), std::move(items), negated));
  }
};

}  // namespace detail

/// An expression whose SQL value has C++ type T.
template <class T>
class TypedExpr : public detail::ExprOps<TypedExpr<T>, T> {
 public:
  TypedExpr() = default;
  explicit TypedExpr(sql::Expr e) : expr_(std::move(e)) {}
  const sql::Expr& to_expr() const noexcept { return expr_; }

 private:
  sql::Expr expr_;
};

namespace detail {

template <class L, class R>
TypedExpr<bool> compare(sql::BinaryOp op, const L& l, const R& r) {
  static_assert(comparable<operand_t<L>, operand_t<R>>(),
                "quarry: these operands cannot be compared: their SQL types differ "
                "(for example an integer column and a string)");
  return TypedExpr<bool>(sql::binary(op, to_expr(l), to_expr(r)));
}

template <class X>
constexpr bool is_bool_operand() {
  return std::is_same_v<operand_t<X>, bool>;
}

template <class L, class R>
auto arithmetic(sql::BinaryOp op, const L& l, const R& r) {
  using A = operand_t<L>;
  using B = operand_t<R>;
  static_assert(
      category_of<A>() == TypeCategory::numeric && category_of<B>() == TypeCategory::numeric,
      "quarry: arithmetic needs numeric operands (use + on two text operands to concatenate)");
  // The expression side's type: band.popularity + 10 stays an int32 column value.
  using Result = typename std::conditional_t<Expression<L>, operand_type<L>, operand_type<R>>::type;
  return TypedExpr<Result>(sql::binary(op, to_expr(l), to_expr(r)));
}

}  // namespace detail

// Comparisons: one side must be a typed expression; the other may be a value.
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) TypedExpr<bool>
operator==(const L& l, const R& r) {
  return detail::compare(sql::BinaryOp::eq, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) TypedExpr<bool>
operator!=(const L& l, const R& r) {
  return detail::compare(sql::BinaryOp::ne, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) TypedExpr<bool>
operator<(const L& l, const R& r) {
  return detail::compare(sql::BinaryOp::lt, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) TypedExpr<bool>
operator<=(const L& l, const R& r) {
  return detail::compare(sql::BinaryOp::le, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) TypedExpr<bool>
operator>(const L& l, const R& r) {
  return detail::compare(sql::BinaryOp::gt, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) TypedExpr<bool>
operator>=(const L& l, const R& r) {
  return detail::compare(sql::BinaryOp::ge, l, r);
}

// Logic: both sides boolean expressions.
template <class L, class R>
requires(detail::Expression<L>&& detail::Expression<R>) TypedExpr<bool>
operator&&(const L& l, const R& r) {
  static_assert(detail::is_bool_operand<L>() && detail::is_bool_operand<R>(),
                "quarry: && and || combine conditions (boolean expressions)");
  return TypedExpr<bool>(sql::binary(sql::BinaryOp::logical_and, l.to_expr(), r.to_expr()));
}
template <class L, class R>
requires(detail::Expression<L>&& detail::Expression<R>) TypedExpr<bool>
operator||(const L& l, const R& r) {
  static_assert(detail::is_bool_operand<L>() && detail::is_bool_operand<R>(),
                "quarry: && and || combine conditions (boolean expressions)");
  return TypedExpr<bool>(sql::binary(sql::BinaryOp::logical_or, l.to_expr(), r.to_expr()));
}
template <detail::Expression X>
TypedExpr<bool> operator!(const X& x) {
  static_assert(detail::is_bool_operand<X>(),
                "quarry: ! negates a condition (a boolean expression)");
  return TypedExpr<bool>(sql::unary(sql::UnaryOp::logical_not, x.to_expr()));
}

// Arithmetic, and + on text as concatenation.
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) auto operator+(const L& l, const R& r) {
  if constexpr (detail::category_of<detail::operand_t<L>>() == TypeCategory::text &&
                detail::category_of<detail::operand_t<R>>() == TypeCategory::text) {
    return TypedExpr<std::string>(
        sql::binary(sql::BinaryOp::concat, detail::to_expr(l), detail::to_expr(r)));
  } else {
    return detail::arithmetic(sql::BinaryOp::add, l, r);
  }
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) auto operator-(const L& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::sub, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) auto operator*(const L& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::mul, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) auto operator/(const L& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::div, l, r);
}
template <class L, class R>
requires(detail::Expression<L> || detail::Expression<R>) auto operator%(const L& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::mod, l, r);
}
template <detail::Expression X>
auto operator-(const X& x) {
  static_assert(detail::category_of<detail::operand_t<X>>() == TypeCategory::numeric,
                "quarry: unary minus needs a numeric operand");
  return TypedExpr<typename X::value_type>(sql::unary(sql::UnaryOp::negate, x.to_expr()));
}

// Functions.
template <detail::Expression X>
TypedExpr<std::string> lower(const X& x) {
  static_assert(detail::category_of<detail::operand_t<X>>() == TypeCategory::text,
                "quarry: lower() takes text");
  return TypedExpr<std::string>(sql::function("lower", {x.to_expr()}));
}
template <detail::Expression X>
TypedExpr<std::string> upper(const X& x) {
  static_assert(detail::category_of<detail::operand_t<X>>() == TypeCategory::text,
                "quarry: upper() takes text");
  return TypedExpr<std::string>(sql::function("upper", {x.to_expr()}));
}
/// coalesce(x, fallback): the first non-NULL; typed as x's non-optional type.
template <detail::Expression X, class F>
TypedExpr<unwrap_optional_t<typename X::value_type>> coalesce(const X& x, const F& fallback) {
  static_assert(detail::comparable<detail::operand_t<X>, detail::operand_t<F>>(),
                "quarry: coalesce() arguments must have the same SQL type");
  return TypedExpr<unwrap_optional_t<typename X::value_type>>(
      sql::function("coalesce", {x.to_expr(), detail::to_expr(fallback)}));
}
/// count(*)
inline TypedExpr<std::int64_t> count() {
  return TypedExpr<std::int64_t>(sql::function("count", {sql::star()}));
}
template <detail::Expression X>
TypedExpr<std::int64_t> count(const X& x) {
  return TypedExpr<std::int64_t>(sql::function("count", {x.to_expr()}));
}
template <detail::Expression X>
TypedExpr<std::int64_t> count_distinct(const X& x) {
  return TypedExpr<std::int64_t>(sql::function("count", {x.to_expr()}, true));
}
/// sum/min/max are NULL over no rows, hence optional.
template <detail::Expression X>
auto sum(const X& x) {
  using T = detail::operand_t<X>;
  static_assert(detail::category_of<T>() == TypeCategory::numeric,
                "quarry: sum() takes a numeric expression");
  using R = std::conditional_t<std::is_integral_v<T>, std::int64_t, T>;
  return TypedExpr<std::optional<R>>(
      sql::function("sum", {x.to_expr()}, false,
                    std::is_integral_v<T> ? sql::ResultCast::integer : sql::ResultCast::none));
}
template <detail::Expression X>
TypedExpr<std::optional<double>> avg(const X& x) {
  static_assert(detail::category_of<detail::operand_t<X>>() == TypeCategory::numeric,
                "quarry: avg() takes a numeric expression");
  return TypedExpr<std::optional<double>>(
      sql::function("avg", {x.to_expr()}, false, sql::ResultCast::floating));
}
template <detail::Expression X>
TypedExpr<std::optional<detail::operand_t<X>>> min(const X& x) {
  return TypedExpr<std::optional<detail::operand_t<X>>>(sql::function("min", {x.to_expr()}));
}
template <detail::Expression X>
TypedExpr<std::optional<detail::operand_t<X>>> max(const X& x) {
  return TypedExpr<std::optional<detail::operand_t<X>>>(sql::function("max", {x.to_expr()}));
}
/// Treats an expression as nullable, e.g. a column reached through a
/// nullable foreign key (its LEFT JOIN yields NULL when the key is NULL).
template <detail::Expression X>
TypedExpr<std::optional<detail::operand_t<X>>> nullable(const X& x) {
  return TypedExpr<std::optional<detail::operand_t<X>>>(x.to_expr());
}

/// A raw SQL fragment with its own bound values, typed as T (a condition by
/// default): raw("length(?) > ?", "abc", 2). Each `?` is a parameter.
template <class T = bool, class... Args>
TypedExpr<T> raw(std::string sql_text, const Args&... args) {
  return TypedExpr<T>(sql::raw(std::move(sql_text), {detail::literal_value(args)...}));
}

/// A constant as an expression, bound as a parameter.
template <class V>
TypedExpr<detail::operand_t<V>> constant(const V& v) {
  return TypedExpr<detail::operand_t<V>>(
      sql::value(detail::literal_value(v), std::is_same_v<detail::operand_t<V>, Decimal>));
}

}  // namespace quarry
