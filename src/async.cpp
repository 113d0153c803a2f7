// The one instantiation of Asio's coroutine machinery for the default
// executor that include/quarry/async.hpp declares extern, so that the
// translation units of a Quarry program do not each compile it.
#include <quarry/async.hpp>

template class boost::asio::detail::awaitable_frame_base<boost::asio::any_io_executor>;
template class boost::asio::detail::awaitable_frame<void, boost::asio::any_io_executor>;
template class boost::asio::awaitable<void, boost::asio::any_io_executor>;
template class boost::asio::detail::awaitable_thread<boost::asio::any_io_executor>;
template class boost::wrapexcept<std::bad_alloc>;
template class boost::wrapexcept<boost::system::system_error>;
