// The one instantiation of the statement trees' vectors, declared extern at
// the end of include/quarry/sql/statement.hpp so that the translation units
// building queries do not each compile them.
#include <quarry/sql/statement.hpp>

template class std::vector<quarry::sql::OrderItem>;
template class std::vector<quarry::sql::JoinClause>;
template class std::vector<quarry::sql::Assignment>;
template class std::vector<std::vector<quarry::sql::Expr>>;
