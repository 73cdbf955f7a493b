//go:build !linux

package rawsock

import (
	"syscall"
)

// Elsewhere than Linux the connections stay as they are.
const supported = false

func read(uintptr, []byte) (int, syscall.Errno)  { return 0, syscall.ENOSYS }
func write(uintptr, []byte) (int, syscall.Errno) { return 0, syscall.ENOSYS }
func peek(uintptr) (int, syscall.Errno)          { return 0, syscall.ENOSYS }
