#pragma once
/// @file finml/core/function_ref.hpp
/// A non-owning reference to a callable.
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace finml::core {

/// A non-owning reference to a callable, for callbacks that run only during the call that
/// receives them: unlike std::function it never allocates (a large body makes hundreds of
/// thousands of such calls).
template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F&, Args...>)
  FunctionRef(F&& callable) noexcept  // NOLINT(google-explicit-constructor): takes lambdas as they are
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
        call_([](void* object, Args... args) -> R {
          return std::invoke(*static_cast<std::add_pointer_t<std::remove_reference_t<F>>>(object),
                             std::forward<Args>(args)...);
        }) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

}  // namespace finml::core
