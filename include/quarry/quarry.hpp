// Quarry: the whole public API in one include. Each part also has its own
// header under quarry/ for code that wants less.
#pragma once

#include <quarry/async.hpp>
#include <quarry/driver/connection.hpp>
#include <quarry/driver/database.hpp>
#include <quarry/driver/listener.hpp>
#include <quarry/driver/url.hpp>
#include <quarry/erd/erd.hpp>
#include <quarry/error.hpp>
#include <quarry/query/copy.hpp>
#include <quarry/query/ddl.hpp>
#include <quarry/query/dynamic.hpp>
#include <quarry/query/dynamic_row.hpp>
#include <quarry/query/expression.hpp>
#include <quarry/query/objects.hpp>
#include <quarry/query/run_sync.hpp>
#include <quarry/query/select.hpp>
#include <quarry/query/stream.hpp>
#include <quarry/query/types.hpp>
#include <quarry/query/write.hpp>
#include <quarry/schema/json.hpp>
#include <quarry/schema/schema.hpp>
#include <quarry/schema/table.hpp>
#include <quarry/sql/compiler.hpp>
#include <quarry/sql/dialect.hpp>
#include <quarry/value.hpp>
