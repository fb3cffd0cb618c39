namespace Confcom.DevicePlugin.Tests.Platform;

/// <summary>Register dumps modelled on real SGX parts (values per Intel SDM vol. 3D §36.7.2 and `cpuid -r` dumps).</summary>
internal static class CpuLayouts
{
    /// <summary>Coffee Lake Xeon E-2288G with SGX1, FLC and one 93.5 MiB EPC section at 0x70200000 (128 MiB PRM).</summary>
    public static RecordedCpuid CoffeeLakeOneSection() => new RecordedCpuid()
        .With(0, 0, 0x16, 0x756e6547, 0x6c65746e, 0x49656e69)
        .With(7, 0, 0, 0x029C6FBF, 0x40000000, 0xBC000400)
        .With(0x12, 0, 0x00000001, 0, 0, 0x0000241F)
        .With(0x12, 1, 0x00000036, 0, 0x0000001F, 0)
        .With(0x12, 2, 0x70200001, 0x00000000, 0x05D80001, 0x00000000);

    /// <summary>Two-socket Ice Lake SP: SGX1+SGX2, FLC, two 64 GiB sections above 4 GiB, one per socket.</summary>
    public static RecordedCpuid IceLakeTwoSocketsAbove4GiB() => new RecordedCpuid()
        .With(0, 0, 0x1B, 0x756e6547, 0x6c65746e, 0x49656e69)
        .With(7, 0, 0, 0xF3BFBFBF, 0x40417F5E, 0xBC040412)
        .With(0x12, 0, 0x00000403, 0, 0, 0x00003820)
        .With(0x12, 2, 0x00000001, 0x00000080, 0x00000001, 0x00000010)
        .With(0x12, 3, 0x00000001, 0x00000100, 0x00000001, 0x00000010);

    /// <summary>A CPU without SGX at all (EBX bit 2 clear).</summary>
    public static RecordedCpuid NoSgx() => new RecordedCpuid()
        .With(0, 0, 0x16, 0, 0, 0)
        .With(7, 0, 0, 0x029C6FBB, 0, 0);

    /// <summary>A VM whose hypervisor advertises SGX in leaf 7 but caps the basic leaves below 0x12.</summary>
    public static RecordedCpuid HiddenSgxLeaf() => new RecordedCpuid()
        .With(0, 0, 0x0D, 0, 0, 0)
        .With(7, 0, 0, 0x00000004, 0x40000000, 0);
}
