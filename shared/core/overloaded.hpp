#pragma once
// std::visit over a variant with one lambda per alternative: std::visit(Overloaded{[](A){}, [](B){}}, v).

namespace elder {

template <class... Fs> struct Overloaded : Fs... { using Fs::operator()...; };
template <class... Fs> Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace elder
