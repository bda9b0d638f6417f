import LiggareHash
import Testing

/// RFC 6962 leaf and node hashes.
@Suite("RFC 6962 leaf and node hashes")
struct MerkleHashTests {
    /// Lengths 0 ... 300 (every alignment of the 0x00 prefix against the blocks) and some longer.
    static let lengths = Array(0...300) + [447, 448, 500, 511, 512, 1000, 4096, 65_543]

    @Test("leafHash(x) == SHA-256(0x00 || x)", arguments: SHA256Implementation.allCases)
    func leafHashDefinition(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        var random = SplitMix64(seed: 6962)
        for length in Self.lengths {
            let data = TestSupport.randomBytes(length, using: &random)
            let leaf = data.withUnsafeBytes { SHA256.leafHash($0, implementation: implementation) }
            #expect(leaf == SHA256.hash([0x00] + data, implementation: implementation), "length \(length)")
            #expect(SHA256.leafHash(data[...], implementation: implementation) == leaf, "length \(length)")
            #expect(leaf != SHA256.hash(data, implementation: implementation), "length \(length)")
        }
    }

    @Test("nodeHash(l, r) == SHA-256(0x01 || l || r)", arguments: SHA256Implementation.allCases)
    func nodeHashDefinition(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        var random = SplitMix64(seed: 1)
        for _ in 0..<50 {
            let left = try #require(SHA256Digest(bytes: TestSupport.randomBytes(32, using: &random)))
            let right = try #require(SHA256Digest(bytes: TestSupport.randomBytes(32, using: &random)))
            let node = SHA256.nodeHash(left, right, implementation: implementation)
            #expect(node == SHA256.hash([0x01] + left.bytes + right.bytes, implementation: implementation))
            #expect(node != SHA256.nodeHash(right, left, implementation: implementation))
        }
    }

    /// External facts: SHA-256 of the empty string, and the RFC 6962 leaf hash of the empty leaf.
    @Test("known values for empty input", arguments: SHA256Implementation.allCases)
    func emptyInput(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(SHA256.hash(empty, implementation: implementation).hex
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.leafHash(empty, implementation: implementation).hex
            == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        #expect(SHA256.leafHash([UInt8](), implementation: implementation).hex
            == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    }

    /// The reference Merkle tree of the Certificate Transparency test suites (google/certificate-
    /// transparency, certificate-transparency-go): the tree heads MTH(D[0:n]) of RFC 6962 section
    /// 2.1 for the first n of eight fixed leaves. External values; they exercise leafHash and
    /// nodeHash together.
    @Test("RFC 6962 reference tree heads", arguments: SHA256Implementation.allCases)
    func referenceTreeHeads(implementation: SHA256Implementation) throws {
        try TestSupport.requireAvailable(implementation)
        let leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
            .map { TestSupport.bytes(hex: $0) }
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        /// MTH of RFC 6962 section 2.1: split at the largest power of two smaller than n.
        func treeHead(_ data: ArraySlice<[UInt8]>) -> SHA256Digest {
            if data.count == 1 { return SHA256.leafHash(data.first!, implementation: implementation) }
            var split = 1
            while split * 2 < data.count { split *= 2 }
            let middle = data.startIndex + split
            return SHA256.nodeHash(treeHead(data[..<middle]), treeHead(data[middle...]), implementation: implementation)
        }
        for n in 1...8 {
            #expect(treeHead(leaves[..<n]).hex == roots[n - 1], "tree of \(n) leaves")
        }
    }
}
