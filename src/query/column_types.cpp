// The one instantiation of the column templates of include/quarry/query/types.hpp
// (bind_value, to_value, read_value, read_into, member_to_value, member_bind,
// sql_type_of) for the built-in column types, which that header declares
// extern so that the translation units of a Quarry program do not each
// compile them.
#include <quarry/query/types.hpp>

namespace quarry::detail {

#define QUARRY_DETAIL_DEFINE_COLUMN_TEMPLATES(T) QUARRY_DETAIL_COLUMN_TEMPLATES(, T)
QUARRY_DETAIL_BUILTIN_COLUMN_TYPES(QUARRY_DETAIL_DEFINE_COLUMN_TEMPLATES)
#undef QUARRY_DETAIL_DEFINE_COLUMN_TEMPLATES

}  // namespace quarry::detail
