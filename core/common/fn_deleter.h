// A deleter that calls a C library's free function, for std::unique_ptr
// handles over OpenSSL, libxml2 and xmlsec objects.
#pragma once

namespace jh {

template <auto Fn> struct FnDeleter
{
    template <typename T> void operator()(T* p) const { Fn(p); }
};

} // namespace jh
