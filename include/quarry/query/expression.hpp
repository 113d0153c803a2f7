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
  if constexpr (a == TypeCategory::enumeration || b == TypeCategory::enumeration ||
                a == TypeCategory::array || b == TypeCategory::array) {
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

template <class Derived, class T>
class ExprOps;

/// The node of an expression met as its ExprOps base. The operators and
/// functions below take expressions that way, so that they are instantiated
/// once per value type and not once per column of every table.
template <class D, class T>
[[gnu::always_inline]] inline sql::Expr expr_of(const ExprOps<D, T>& e) {
  return static_cast<const D&>(e).to_expr();
}

/// Any operand as an expression node: expressions as they are, plain values
/// as bound parameters (never spliced into the SQL text).
template <class X>
sql::Expr value_expr(const X& x) {
  return sql::value(literal_value(x), std::is_same_v<operand_t<X>, Decimal>);
}
/// always_inline: each branch only forwards (the Value temporary of other
/// plain values is value_expr's), so it is not emitted per operand type.
template <class X>
[[gnu::always_inline]] inline sql::Expr to_expr(const X& x) {
  // Integers, doubles and text are made into nodes out of line, without a
  // Value in this translation unit (see sql::int_value).
  if constexpr (Expression<X>) {
    return x.to_expr();
  } else if constexpr (std::is_convertible_v<const X&, std::string_view> &&
                       !std::is_same_v<operand_t<X>, Decimal>) {
    return sql::text_value(x);
  } else if constexpr (std::is_integral_v<X> && !std::is_same_v<X, bool>) {
    return sql::int_value(static_cast<std::int64_t>(x));
  } else if constexpr (std::is_floating_point_v<X>) {
    return sql::double_value(static_cast<double>(x));
  } else {
    return value_expr(x);
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
  // A braced list is read as it is, not copied into a std::vector (whose
  // code the translation unit would emit).
  template <class V>
  auto in_(const std::vector<V>& values) const {
    return in_list<V>(values, false);
  }
  template <class V>
  auto in_(std::initializer_list<V> values) const {
    return in_list<V>(values, false);
  }
  template <class V>
  auto not_in(const std::vector<V>& values) const {
    return in_list<V>(values, true);
  }
  template <class V>
  auto not_in(std::initializer_list<V> values) const {
    return in_list<V>(values, true);
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
  [[gnu::always_inline]] const Derived& self() const { return static_cast<const Derived&>(*this); }

  template <class P>
  auto pattern_op(sql::BinaryOp op, const P& pattern) const {
    static_assert(category_of<base_type>() == TypeCategory::text &&
                      category_of<operand_t<P>>() == TypeCategory::text,
                  "quarry: like/ilike compare text columns with text patterns");
    return TypedExpr<bool>(sql::binary(op, self().to_expr(), to_expr(pattern)));
  }

  /// `values`: a std::vector<V> or a std::initializer_list<V>.
  template <class V, class Values>
  auto in_list(const Values& values, bool negated) const {
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
  // The special members forward to sql::Expr's out-of-line ones:
  // always_inline keeps them from being emitted per value type at -O0.
  [[gnu::always_inline]] TypedExpr() = default;
  [[gnu::always_inline]] explicit TypedExpr(sql::Expr e) : expr_(std::move(e)) {}
  [[gnu::always_inline]] TypedExpr(const TypedExpr&) = default;
  [[gnu::always_inline]] TypedExpr(TypedExpr&&) noexcept = default;
  [[gnu::always_inline]] TypedExpr& operator=(const TypedExpr&) = default;
  [[gnu::always_inline]] TypedExpr& operator=(TypedExpr&&) noexcept = default;
  [[gnu::always_inline]] ~TypedExpr() = default;
  [[gnu::always_inline]] const sql::Expr& to_expr() const noexcept { return expr_; }

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

/// An operand that is not a typed expression (a plain value).
template <class X>
concept PlainOperand = !Expression<X>;

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

template <class L, class R>
auto add(sql::BinaryOp, const L& l, const R& r) {
  if constexpr (category_of<operand_t<L>>() == TypeCategory::text &&
                category_of<operand_t<R>>() == TypeCategory::text) {
    return TypedExpr<std::string>(sql::binary(sql::BinaryOp::concat, to_expr(l), to_expr(r)));
  } else {
    return arithmetic(sql::BinaryOp::add, l, r);
  }
}

}  // namespace detail

// Comparisons: one side must be a typed expression; the other may be a value.
// An expression is taken as its ExprOps<D, T> base (D: TypedExpr<T>, or the
// TypedColumn<T> that every column of type T shares), so that an operator is
// instantiated per value type and not per column of every table. There is
// one overload per placement of the expressions; value operands are told
// apart with enable_if and not with a constraint, which would make one
// overload, reversed (C++20 rewritten comparisons), a better match than the
// unreversed one, and rewritten == must not be chosen (it does not yield bool).
template <class D, class T, class R>
auto operator==(const detail::ExprOps<D, T>& l, const R& r)
    -> std::enable_if_t<detail::PlainOperand<R>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::eq, static_cast<const D&>(l), r);
}
template <class L, class D, class T>
auto operator==(const L& l, const detail::ExprOps<D, T>& r)
    -> std::enable_if_t<detail::PlainOperand<L>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::eq, l, static_cast<const D&>(r));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator==(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  return detail::compare(sql::BinaryOp::eq, static_cast<const D1&>(l), static_cast<const D2&>(r));
}
template <class D, class T, class R>
auto operator!=(const detail::ExprOps<D, T>& l, const R& r)
    -> std::enable_if_t<detail::PlainOperand<R>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::ne, static_cast<const D&>(l), r);
}
template <class L, class D, class T>
auto operator!=(const L& l, const detail::ExprOps<D, T>& r)
    -> std::enable_if_t<detail::PlainOperand<L>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::ne, l, static_cast<const D&>(r));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator!=(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  return detail::compare(sql::BinaryOp::ne, static_cast<const D1&>(l), static_cast<const D2&>(r));
}
template <class D, class T, class R>
auto operator<(const detail::ExprOps<D, T>& l, const R& r)
    -> std::enable_if_t<detail::PlainOperand<R>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::lt, static_cast<const D&>(l), r);
}
template <class L, class D, class T>
auto operator<(const L& l, const detail::ExprOps<D, T>& r)
    -> std::enable_if_t<detail::PlainOperand<L>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::lt, l, static_cast<const D&>(r));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator<(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  return detail::compare(sql::BinaryOp::lt, static_cast<const D1&>(l), static_cast<const D2&>(r));
}
template <class D, class T, class R>
auto operator<=(const detail::ExprOps<D, T>& l, const R& r)
    -> std::enable_if_t<detail::PlainOperand<R>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::le, static_cast<const D&>(l), r);
}
template <class L, class D, class T>
auto operator<=(const L& l, const detail::ExprOps<D, T>& r)
    -> std::enable_if_t<detail::PlainOperand<L>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::le, l, static_cast<const D&>(r));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator<=(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  return detail::compare(sql::BinaryOp::le, static_cast<const D1&>(l), static_cast<const D2&>(r));
}
template <class D, class T, class R>
auto operator>(const detail::ExprOps<D, T>& l, const R& r)
    -> std::enable_if_t<detail::PlainOperand<R>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::gt, static_cast<const D&>(l), r);
}
template <class L, class D, class T>
auto operator>(const L& l, const detail::ExprOps<D, T>& r)
    -> std::enable_if_t<detail::PlainOperand<L>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::gt, l, static_cast<const D&>(r));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator>(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  return detail::compare(sql::BinaryOp::gt, static_cast<const D1&>(l), static_cast<const D2&>(r));
}
template <class D, class T, class R>
auto operator>=(const detail::ExprOps<D, T>& l, const R& r)
    -> std::enable_if_t<detail::PlainOperand<R>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::ge, static_cast<const D&>(l), r);
}
template <class L, class D, class T>
auto operator>=(const L& l, const detail::ExprOps<D, T>& r)
    -> std::enable_if_t<detail::PlainOperand<L>, TypedExpr<bool>> {
  return detail::compare(sql::BinaryOp::ge, l, static_cast<const D&>(r));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator>=(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  return detail::compare(sql::BinaryOp::ge, static_cast<const D1&>(l), static_cast<const D2&>(r));
}

// Logic: both sides boolean expressions.
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator&&(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  static_assert(detail::is_bool_operand<D1>() && detail::is_bool_operand<D2>(),
                "quarry: && and || combine conditions (boolean expressions)");
  return TypedExpr<bool>(
      sql::binary(sql::BinaryOp::logical_and, detail::expr_of(l), detail::expr_of(r)));
}
template <class D1, class T1, class D2, class T2>
TypedExpr<bool> operator||(const detail::ExprOps<D1, T1>& l, const detail::ExprOps<D2, T2>& r) {
  static_assert(detail::is_bool_operand<D1>() && detail::is_bool_operand<D2>(),
                "quarry: && and || combine conditions (boolean expressions)");
  return TypedExpr<bool>(
      sql::binary(sql::BinaryOp::logical_or, detail::expr_of(l), detail::expr_of(r)));
}
template <class D, class T>
TypedExpr<bool> operator!(const detail::ExprOps<D, T>& x) {
  static_assert(detail::is_bool_operand<D>(),
                "quarry: ! negates a condition (a boolean expression)");
  return TypedExpr<bool>(sql::unary(sql::UnaryOp::logical_not, detail::expr_of(x)));
}

// Arithmetic, and + on text as concatenation.
template <class D, class T, class R>
auto operator+(const detail::ExprOps<D, T>& l, const R& r) {
  return detail::add(sql::BinaryOp::add, static_cast<const D&>(l), r);
}
template <detail::PlainOperand L, class D, class T>
auto operator+(const L& l, const detail::ExprOps<D, T>& r) {
  return detail::add(sql::BinaryOp::add, l, static_cast<const D&>(r));
}
template <class D, class T, class R>
auto operator-(const detail::ExprOps<D, T>& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::sub, static_cast<const D&>(l), r);
}
template <detail::PlainOperand L, class D, class T>
auto operator-(const L& l, const detail::ExprOps<D, T>& r) {
  return detail::arithmetic(sql::BinaryOp::sub, l, static_cast<const D&>(r));
}
template <class D, class T, class R>
auto operator*(const detail::ExprOps<D, T>& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::mul, static_cast<const D&>(l), r);
}
template <detail::PlainOperand L, class D, class T>
auto operator*(const L& l, const detail::ExprOps<D, T>& r) {
  return detail::arithmetic(sql::BinaryOp::mul, l, static_cast<const D&>(r));
}
template <class D, class T, class R>
auto operator/(const detail::ExprOps<D, T>& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::div, static_cast<const D&>(l), r);
}
template <detail::PlainOperand L, class D, class T>
auto operator/(const L& l, const detail::ExprOps<D, T>& r) {
  return detail::arithmetic(sql::BinaryOp::div, l, static_cast<const D&>(r));
}
template <class D, class T, class R>
auto operator%(const detail::ExprOps<D, T>& l, const R& r) {
  return detail::arithmetic(sql::BinaryOp::mod, static_cast<const D&>(l), r);
}
template <detail::PlainOperand L, class D, class T>
auto operator%(const L& l, const detail::ExprOps<D, T>& r) {
  return detail::arithmetic(sql::BinaryOp::mod, l, static_cast<const D&>(r));
}
template <class D, class T>
TypedExpr<T> operator-(const detail::ExprOps<D, T>& x) {
  static_assert(detail::category_of<detail::operand_t<D>>() == TypeCategory::numeric,
                "quarry: unary minus needs a numeric operand");
  return TypedExpr<T>(sql::unary(sql::UnaryOp::negate, detail::expr_of(x)));
}

// Functions.
template <class D, class T>
TypedExpr<std::string> lower(const detail::ExprOps<D, T>& x) {
  static_assert(detail::category_of<detail::operand_t<D>>() == TypeCategory::text,
                "quarry: lower() takes text");
  return TypedExpr<std::string>(sql::function("lower", {detail::expr_of(x)}));
}
template <class D, class T>
TypedExpr<std::string> upper(const detail::ExprOps<D, T>& x) {
  static_assert(detail::category_of<detail::operand_t<D>>() == TypeCategory::text,
                "quarry: upper() takes text");
  return TypedExpr<std::string>(sql::function("upper", {detail::expr_of(x)}));
}
/// coalesce(x, fallback): the first non-NULL; typed as x's non-optional type.
template <class D, class T, class F>
TypedExpr<unwrap_optional_t<T>> coalesce(const detail::ExprOps<D, T>& x, const F& fallback) {
  static_assert(detail::comparable<detail::operand_t<D>, detail::operand_t<F>>(),
                "quarry: coalesce() arguments must have the same SQL type");
  return TypedExpr<unwrap_optional_t<T>>(
      sql::function("coalesce", {detail::expr_of(x), detail::to_expr(fallback)}));
}
/// count(*)
inline TypedExpr<std::int64_t> count() {
  return TypedExpr<std::int64_t>(sql::function("count", {sql::star()}));
}
template <class D, class T>
TypedExpr<std::int64_t> count(const detail::ExprOps<D, T>& x) {
  return TypedExpr<std::int64_t>(sql::function("count", {detail::expr_of(x)}));
}
template <class D, class T>
TypedExpr<std::int64_t> count_distinct(const detail::ExprOps<D, T>& x) {
  return TypedExpr<std::int64_t>(sql::function("count", {detail::expr_of(x)}, true));
}
/// sum/min/max are NULL over no rows, hence optional.
template <class D, class T>
auto sum(const detail::ExprOps<D, T>& x) {
  using V = detail::operand_t<D>;
  static_assert(detail::category_of<V>() == TypeCategory::numeric,
                "quarry: sum() takes a numeric expression");
  using R = std::conditional_t<std::is_integral_v<V>, std::int64_t, V>;
  return TypedExpr<std::optional<R>>(
      sql::function("sum", {detail::expr_of(x)}, false,
                    std::is_integral_v<V> ? sql::ResultCast::integer : sql::ResultCast::none));
}
template <class D, class T>
TypedExpr<std::optional<double>> avg(const detail::ExprOps<D, T>& x) {
  static_assert(detail::category_of<detail::operand_t<D>>() == TypeCategory::numeric,
                "quarry: avg() takes a numeric expression");
  return TypedExpr<std::optional<double>>(
      sql::function("avg", {detail::expr_of(x)}, false, sql::ResultCast::floating));
}
template <class D, class T>
TypedExpr<std::optional<detail::operand_t<D>>> min(const detail::ExprOps<D, T>& x) {
  return TypedExpr<std::optional<detail::operand_t<D>>>(sql::function("min", {detail::expr_of(x)}));
}
template <class D, class T>
TypedExpr<std::optional<detail::operand_t<D>>> max(const detail::ExprOps<D, T>& x) {
  return TypedExpr<std::optional<detail::operand_t<D>>>(sql::function("max", {detail::expr_of(x)}));
}
/// Treats an expression as nullable, e.g. a column reached through a
/// nullable foreign key (its LEFT JOIN yields NULL when the key is NULL).
template <class D, class T>
TypedExpr<std::optional<detail::operand_t<D>>> nullable(const detail::ExprOps<D, T>& x) {
  return TypedExpr<std::optional<detail::operand_t<D>>>(detail::expr_of(x));
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
