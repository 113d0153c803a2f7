// The exceptions Quarry throws: one hierarchy rooted in std types, with the
// facts a caller needs (SQL, error code, table, column, constraint) as fields
// and not only inside the message.
#pragma once

#include <stdexcept>
#include <string>

namespace quarry {

/// Root of every error Quarry throws at run time.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The API was used in a way it does not allow (an update without where and
/// without .all_rows(), a bad decimal literal, an unknown column name...).
class UsageError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// A database URL could not be understood.
class UrlError : public UsageError {
 public:
  using UsageError::UsageError;
};

/// The database could not be reached or opened, or the connection broke.
class ConnectionError : public Error {
 public:
  using Error::Error;
};

/// No pooled connection became free within DatabaseOptions::checkout_timeout.
class PoolTimeout : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// A statement failed. Carries the SQL text and the driver's error code
/// (SQLite extended result code, or PostgreSQL SQLSTATE).
class QueryError : public Error {
 public:
  QueryError(const std::string& message, std::string sql, std::string code)
      : Error(message), sql_(std::move(sql)), code_(std::move(code)) {}
  const std::string& sql() const noexcept { return sql_; }
  const std::string& code() const noexcept { return code_; }

 private:
  std::string sql_;
  std::string code_;
};

/// A value read from the database does not fit the C++ type asked for
/// (text in an integer column of a SQLite table, a NULL into a non-optional).
class DecodeError : public Error {
 public:
  DecodeError(const std::string& message, std::string column)
      : Error(message), column_(std::move(column)) {}
  const std::string& column() const noexcept { return column_; }

 private:
  std::string column_;
};

/// A constraint rejected a write. Subclasses say which kind.
class ConstraintError : public QueryError {
 public:
  struct Details {
    std::string table;       ///< table the constraint belongs to ("" when unknown)
    std::string column;      ///< column(s) involved, comma-separated ("" when unknown)
    std::string constraint;  ///< constraint name ("" when the database does not say)
  };
  ConstraintError(const std::string& message, std::string sql, std::string code, Details d)
      : QueryError(message, std::move(sql), std::move(code)), details_(std::move(d)) {}
  const std::string& table() const noexcept { return details_.table; }
  const std::string& column() const noexcept { return details_.column; }
  const std::string& constraint() const noexcept { return details_.constraint; }
  const Details& details() const noexcept { return details_; }

 private:
  Details details_;
};

class UniqueViolation : public ConstraintError {
 public:
  using ConstraintError::ConstraintError;
};
class ForeignKeyViolation : public ConstraintError {
 public:
  using ConstraintError::ConstraintError;
};
class NotNullViolation : public ConstraintError {
 public:
  using ConstraintError::ConstraintError;
};
class CheckViolation : public ConstraintError {
 public:
  using ConstraintError::ConstraintError;
};

}  // namespace quarry
