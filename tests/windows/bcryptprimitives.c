/* A stand-in for Windows' bcryptprimitives.dll, FOR THE WINE TEST ONLY (tests/windows-cli.sh).
 *
 * Rust's standard library (1.78+) takes its random bytes from ProcessPrng in bcryptprimitives.dll,
 * which Wine 8 (Debian 12) does not ship, so a Rust .exe stops at start under that Wine. This DLL
 * exports the one function and answers it with advapi32's RtlGenRandom (SystemFunction036), which
 * Wine has. It is built with mingw next to the test's copy of the CLI and must never be shipped:
 * tests/package-windows.sh refuses an installer or zip that contains it. Real Windows 10/11 has
 * the genuine DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
