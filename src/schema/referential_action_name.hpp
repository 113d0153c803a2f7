// The identifier form of a referential action, shared by the schema JSON
// format and codegen. Internal header.
#pragma once

#include <quarry/schema/schema.hpp>

#include <string_view>

namespace quarry {

/// "no_action", "set_null", ...: the DSL's name for the action, and its
/// token in the schema JSON format (referential_action_sql is SQL's).
std::string_view referential_action_name(ReferentialAction action);

}  // namespace quarry
